import type { Role } from './roles.ts';

/** The signed-in user as the policies see them, resolved by the server from the session. */
export type Actor = {
  userId: string;
  /** The programme (tenant) the session is in. */
  programmeId: string;
  roles: readonly Role[];
  organisationId: string;
  /**
   * Cases opened by break-the-glass that are still within their time limit.
   * SECURITY: the server fills this only from unexpired, audited break-glass grants.
   */
  breakGlassCaseIds?: readonly string[];
  /**
   * True when the user re-proved their second factor within the step-up window.
   * SECURITY: the server sets this only from a verified step-up; the protected address and the
   * sealed identity link are never shown without it.
   */
  freshSecondFactor?: boolean;
};
