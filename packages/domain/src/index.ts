// The public API of @utvag/domain. Pure TypeScript: no I/O. The per-resource policies are not
// exported: `can`/`authorize` are the one entry point.
export * from './roles.ts';
export * from './sections.ts';
export * from './organisations.ts';
export * from './actions.ts';
export * from './policy-matrix.ts';
export * from './actor.ts';
export * from './resources.ts';
export * from './errors.ts';
export * from './authorize.ts';
export * from './abilities.ts';
export * from './personnummer.ts';
export * from './password-policy.ts';
export * from './common-passwords.ts';
export * from './schemas/common.schemas.ts';
export * from './schemas/auth.schemas.ts';
export * from './schemas/admin.schemas.ts';
export * from './schemas/audit.schemas.ts';
export * from './schemas/identity.schemas.ts';
