import { z } from 'zod';
import { CASE_EVENTS } from '../case-lifecycle.ts';
import { abilitiesSchema } from '../schemas/common.schemas.ts';
import { idSchema } from '../schemas/edge.schemas.ts';
import { isoInstant } from './common.contract.ts';
import { caseMeetingView } from './meetings.contract.ts';

// One case: in full as far as the reader may see it, its lifecycle transitions, break-the-glass,
// its team. The case list and the late clocks are paged lists (lists.contract.ts).

/** A person's identity. SECURITY: present only when the server decided the reader may read it. */
export const identityView = z.object({
  name: z.string().nullable(),
  personnummer: z.string().nullable(),
  phone: z.string().nullable(),
  address: z.string().nullable(),
});
/** A person's identity. */
export type IdentityView = z.infer<typeof identityView>;

/** A related person (a relative), kept apart from the person leaving. */
export const relatedPersonView = z.object({
  id: idSchema,
  relation: z.string().nullable(),
  name: z.string().nullable(),
  phone: z.string().nullable(),
  protectionNeeds: z.string().nullable(),
});
/** A related person. */
export type RelatedPersonView = z.infer<typeof relatedPersonView>;

/** A completed hotline checklist, with the version it was made with. */
export const completedChecklistView = z.object({
  id: idSchema,
  instrumentKey: z.string(),
  instrumentVersion: z.number().int(),
  answers: z.record(z.string(), z.string()),
  acute: z.boolean(),
  acuteItemIds: z.array(z.string()),
  judgement: z.string().nullable(),
  createdAt: isoInstant,
});
/** A completed hotline checklist. */
export type CompletedChecklistView = z.infer<typeof completedChecklistView>;

/** Where one case clock stands. */
export const caseClockView = z.object({
  dueAt: isoInstant.nullable(),
  doneAt: isoInstant.nullable(),
  status: z.enum(['not_started', 'due', 'late', 'on_time', 'met_late']),
  lateByMinutes: z.number().int(),
});
/** Where one case clock stands. */
export type CaseClockView = z.infer<typeof caseClockView>;

/** A case as far as the reader may see it; a section they may not read is null. */
export const caseDetailView = z.object({
  id: idSchema,
  code: z.string(),
  state: z.string(),
  abilities: abilitiesSchema,
  acute: z.boolean().nullable(),
  contactAt: isoInstant,
  identity: identityView.nullable(),
  relatedPersons: z.array(relatedPersonView).nullable(),
  checklists: z.array(completedChecklistView).nullable(),
  meetings: z.array(caseMeetingView),
  clocks: z.object({ first_meeting: caseClockView, assessment: caseClockView }),
  allowedEvents: z.array(z.enum(CASE_EVENTS)),
});
/** A case as far as the reader may see it. */
export type CaseDetailView = z.infer<typeof caseDetailView>;

/** Body of moving a case on in its lifecycle. */
export const caseTransitionBody = z.object({ event: z.enum(CASE_EVENTS) });

/** Body of breaking the glass: why, in words an auditor reads. */
export const breakGlassRequestBody = z.object({ reason: z.string().trim().min(10).max(500) });
/** POST /cases/:id/break-glass: until when the glass is open. */
export const breakGlassResponse = z.object({ expiresAt: isoInstant });

/** A member of a case's team. */
export const teamMemberView = z.object({
  userId: idSchema,
  displayName: z.string(),
  organisation: z.object({ id: idSchema, name: z.string() }),
  isOwner: z.boolean(),
  roles: z.array(z.string()),
});
/** A member of a case's team. */
export type TeamMemberView = z.infer<typeof teamMemberView>;

/** GET, POST /cases/:id/team, DELETE /cases/:id/team/:userId: the team as it now stands. */
export const teamResponse = z.object({ team: z.array(teamMemberView) });

/** Body of adding a member to a case's team. */
export const addTeamMemberBody = z.object({ userId: idSchema });

/** Params of removing a member from a case's team. */
export const teamMemberParams = z.object({ id: idSchema, userId: idSchema });

/** Someone who could join a case's team. */
export const caseStaffView = z.object({
  userId: idSchema,
  displayName: z.string(),
  organisationName: z.string(),
  roles: z.array(z.string()),
});
/** Someone who could join a case's team. */
export type CaseStaffView = z.infer<typeof caseStaffView>;

/** GET /case-staff */
export const caseStaffResponse = z.object({ staff: z.array(caseStaffView) });
