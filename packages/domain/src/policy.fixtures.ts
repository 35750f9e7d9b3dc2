import type { Actor } from './actor.ts';
import type { CaseResource, ProgrammeResource, StaffResource } from './resources.ts';
import type { Role } from './roles.ts';

// Shared test fixtures (no test runner imports, so tsc checks them like code).
export const PROGRAMME_ID = 'prog-stockholm';
export const OTHER_PROGRAMME_ID = 'prog-linkoping';
export const ORG_POLICE = 'org-police';
export const ORG_MUNICIPALITY = 'org-municipality';
export const ORG_PASSUS = 'org-passus';

/** An actor with one role, in the Stockholm programme. */
export function actorWith(role: Role, overrides: Partial<Actor> = {}): Actor {
  return {
    userId: `user-${role}`,
    programmeId: PROGRAMME_ID,
    roles: [role],
    organisationId: role === 'coach' ? ORG_PASSUS : role === 'partner_caseworker' ? ORG_MUNICIPALITY : ORG_POLICE,
    ...overrides,
  };
}

/** A case in the Stockholm programme. */
export function caseFor(overrides: Partial<Omit<CaseResource, 'kind'>> = {}): CaseResource {
  return {
    kind: 'case',
    programmeId: PROGRAMME_ID,
    caseId: 'case-1',
    teamUserIds: [],
    consentedOrganisationIds: [],
    ...overrides,
  };
}

/** A case whose team includes `actor` and whose consent covers `actor`'s organisation. */
export function caseWithMember(actor: Actor, overrides: Partial<Omit<CaseResource, 'kind'>> = {}): CaseResource {
  return caseFor({ teamUserIds: [actor.userId], consentedOrganisationIds: [actor.organisationId], ...overrides });
}

/** The Stockholm programme as a resource. */
export const programme: ProgrammeResource = { kind: 'programme', programmeId: PROGRAMME_ID };

/** A staff member of the Stockholm programme, as the target of availability. */
export function staffMember(userId: string, programmeId: string = PROGRAMME_ID): StaffResource {
  return { kind: 'staff', programmeId, userId };
}
