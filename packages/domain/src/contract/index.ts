// The API contract, one file per feature: what the server accepts and answers, and what the web
// app parses every answer with. Exported as `@utvag/domain/contract` and from the package root.
export * from './common.contract.ts';
export * from './auth.contract.ts';
export * from './me.contract.ts';
export * from './threat-actors.contract.ts';
export * from './assessment.contract.ts';
export * from './protection.contract.ts';
export * from './meetings.contract.ts';
export * from './cases.contract.ts';
export * from './pagination.contract.ts';
export * from './lists.contract.ts';
export * from './scheduling.contract.ts';
export * from './calls.contract.ts';
export * from './risk.contract.ts';
export * from './instruments.contract.ts';
export * from './admin.contract.ts';
export * from './events.contract.ts';
export * from './mapping.contract.ts';
