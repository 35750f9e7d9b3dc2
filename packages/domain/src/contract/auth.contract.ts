import { z } from 'zod';
import { createOrganisationBody, createProgrammeBody, username } from '../schemas/admin.schemas.ts';
import { totpCode } from '../schemas/auth.schemas.ts';
import { isoInstant } from './common.contract.ts';

// Sign-in, step-up, first-run setup and enrolment. The request bodies of sign-in itself
// (loginBody, totpBody, recoveryBody) live in schemas/auth.schemas.ts beside their field rules.

/** A second-factor method offered at sign-in. */
export const signInMethod = z.enum(['passkey', 'totp', 'recovery']);
/** A second-factor method offered at sign-in. */
export type SignInMethod = z.infer<typeof signInMethod>;

/** POST /auth/login: the password was right; a second factor follows. */
export const loginResponse = z.object({ next: z.literal('second_factor'), methods: z.array(signInMethod) });
/** POST /auth/login: the password was right; a second factor follows. */
export type LoginResponse = z.infer<typeof loginResponse>;

/** A WebAuthn credential as the browser returns it; the WebAuthn library checks the rest. */
export const passkeyCredential = z.looseObject({ id: z.string().max(1024), type: z.literal('public-key') });

/** Body of verifying a passkey at sign-in or step-up. */
export const passkeyVerifyBody = z.object({ response: passkeyCredential });

// Typed as loosely as the WebAuthn library types them, so its options pass unchanged.
const credentialDescriptor = z.object({
  id: z.string(),
  type: z.string(),
  transports: z.array(z.string()).optional(),
});
const userVerification = z.enum(['required', 'preferred', 'discouraged']);
const hints = z.array(z.enum(['hybrid', 'security-key', 'client-device']));

/**
 * WebAuthn options for signing in with a passkey (PublicKeyCredentialRequestOptionsJSON), every
 * field the WebAuthn library writes. A field it starts to write later is dropped until it is
 * listed here (responses are filtered by their schema).
 */
export const passkeyRequestOptions = z.object({
  challenge: z.string(),
  timeout: z.number().optional(),
  rpId: z.string().optional(),
  allowCredentials: z.array(credentialDescriptor).optional(),
  userVerification: userVerification.optional(),
  hints: hints.optional(),
  extensions: z.object({ appid: z.string().optional() }).optional(),
});

/** WebAuthn options for registering a passkey (PublicKeyCredentialCreationOptionsJSON); as above. */
export const passkeyCreationOptions = z.object({
  rp: z.object({ name: z.string(), id: z.string().optional() }),
  user: z.object({ id: z.string(), name: z.string(), displayName: z.string() }),
  challenge: z.string(),
  pubKeyCredParams: z.array(z.object({ alg: z.number(), type: z.literal('public-key') })),
  timeout: z.number().optional(),
  excludeCredentials: z.array(credentialDescriptor).optional(),
  authenticatorSelection: z
    .object({
      authenticatorAttachment: z.enum(['cross-platform', 'platform']).optional(),
      requireResidentKey: z.boolean().optional(),
      residentKey: z.enum(['discouraged', 'preferred', 'required']).optional(),
      userVerification: userVerification.optional(),
    })
    .optional(),
  hints: hints.optional(),
  attestation: z.enum(['direct', 'enterprise', 'indirect', 'none']).optional(),
  extensions: z.object({ credProps: z.boolean().optional() }).optional(),
});

/** A fresh second factor was shown; the most sensitive views are open until `freshUntil`. */
export const stepUpResponse = z.object({ freshUntil: isoInstant });
/** A fresh second factor was shown. */
export type StepUpResponse = z.infer<typeof stepUpResponse>;

/** GET /setup/status */
export const setupStatusResponse = z.object({ needsSetup: z.boolean(), demo: z.boolean() });
/** GET /setup/status */
export type SetupStatus = z.infer<typeof setupStatusResponse>;

/** A one-time enrolment or setup token. */
export const enrolmentToken = z.string().min(20).max(200);

/** Body of every enrolment step that needs only its token. */
export const enrolmentTokenBody = z.object({ token: enrolmentToken });

/** Body of the first-run setup: the first programme, organisation and administrator. */
export const setupBody = z.object({
  token: enrolmentToken,
  programmeName: createProgrammeBody.shape.name,
  programmeCode: createProgrammeBody.shape.code,
  organisationName: createOrganisationBody.shape.name,
  organisationKind: createOrganisationBody.shape.kind,
  username,
  displayName: z.string().trim().min(1).max(120),
});
/** Body of the first-run setup. */
export type SetupBody = z.infer<typeof setupBody>;

/** POST /setup: the administrator's enrolment token, to continue with. */
export const setupResponse = z.object({ enrolmentToken: z.string() });

/** POST /enrolment/inspect: whose link this is and which steps it needs. */
export const enrolmentInfo = z.object({
  username: z.string(),
  displayName: z.string(),
  purpose: z.enum(['setup', 'invite', 'reset_mfa']),
  passwordRequired: z.boolean(),
  totpAllowed: z.boolean(),
});
/** POST /enrolment/inspect */
export type EnrolmentInfo = z.infer<typeof enrolmentInfo>;

/** Body of choosing a password during enrolment; the policy is checked by the service. */
export const enrolmentPasswordBody = z.object({ token: enrolmentToken, password: z.string().max(4096) });

/** Body of registering a passkey during enrolment. */
export const enrolmentPasskeyVerifyBody = z.object({ token: enrolmentToken, response: passkeyCredential });

/** POST /enrolment/totp/start: the secret to put in an authenticator app. */
export const totpStartResponse = z.object({ secret: z.string(), otpauthUri: z.string() });

/** Body of confirming TOTP during enrolment. */
export const enrolmentTotpVerifyBody = z.object({ token: enrolmentToken, code: totpCode });

/** The recovery codes, shown once when enrolment completes. */
export const recoveryCodesResponse = z.object({ recoveryCodes: z.array(z.string()) });
/** The recovery codes, shown once. */
export type RecoveryCodes = z.infer<typeof recoveryCodesResponse>;
