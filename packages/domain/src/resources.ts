import type { Actor } from './actor.ts';
import type { Section } from './sections.ts';

/** The programme (tenant) itself: target of listing, creating cases, administration and audit. */
export type ProgrammeResource = {
  kind: 'programme';
  programmeId: string;
};

/** The actor's programme as a resource: the one way programme actions are judged. */
export function programmeOf(actor: Pick<Actor, 'programmeId'>): ProgrammeResource {
  return { kind: 'programme', programmeId: actor.programmeId };
}

/** One case, with what decides access to it; section actions also carry this resource. */
export type CaseResource = {
  kind: 'case';
  programmeId: string;
  caseId: string;
  /** User ids of the case team. */
  teamUserIds: readonly string[];
  /** Organisations covered by a recorded, unwithdrawn consent (or named legal basis). */
  consentedOrganisationIds: readonly string[];
  /**
   * Per organisation, the sections a current consent or legal basis lets it see (see
   * `coveredOrganisations`). When given, a partner caseworker or coach uses a section only if
   * their organisation's entry lists it; when absent, consent covers every section their role has.
   */
  coverage?: Readonly<Record<string, readonly Section[]>>;
  /** User ids named to see the sealed link between an old and a fictitious identity. */
  sealedReaders?: readonly string[];
};

/** One staff member of the programme, as the target of managing their availability. */
export type StaffResource = {
  kind: 'staff';
  programmeId: string;
  /** The staff member whose availability is managed. */
  userId: string;
};

/** Anything an action can be authorized against. */
export type Resource = ProgrammeResource | CaseResource | StaffResource;
