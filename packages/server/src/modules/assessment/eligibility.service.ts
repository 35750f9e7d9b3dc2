import { randomUUID } from 'node:crypto';
import {
  AppError,
  allowedEvents,
  authorize,
  can,
  checkEligibilityDecision,
  DEFAULT_ELIGIBILITY_SETTINGS,
  ELIGIBILITY_OUTCOMES,
  eligibilitySettingsBody,
  eligibilityTransition,
  ELIGIBILITY_OUTCOME_EVENT,
  isCaseState,
  parsePersonnummer,
  transition,
  type CaseEvent,
  type CaseState,
  type EligibilityDecisionBody,
  type EligibilitySettings,
  programmeOf,
} from '@utvag/domain';
import { z } from 'zod';
import { eligibilityCriteriaOf, eligibilityDecisionsOf, insertEligibilityDecision } from './assessment.repository.ts';
import type { ServiceContext } from '../../service-context.ts';
import { moveCaseState, personOfCase } from '../cases/cases.port.ts';
import { requireCase } from '../cases/case-access.ts';
import type { CaseCrypto } from '../cases/case-crypto.ts';
import { describeIssue, validationFaults } from '../../http/validation-messages.ts';

// The eligibility decision (kriterier): each criterion answered with grounds, the outcome, and the
// step in the case's lifecycle it causes, written together or not at all.

/** The programme's criteria, or the domain's defaults when it has none (or none that are valid). */
export async function eligibilitySettingsOf(ctx: ServiceContext): Promise<EligibilitySettings> {
  const criteria = await eligibilityCriteriaOf(ctx.tx, ctx.actor.programmeId);
  if (criteria === null || criteria === undefined) return DEFAULT_ELIGIBILITY_SETTINGS;
  const parsed = eligibilitySettingsBody.safeParse(criteria);
  if (!parsed.success) {
    // A broken setting must not silently drop a criterion such as the age of majority.
    throw new AppError('internal', { cause: new Error('programme eligibility criteria do not parse') });
  }
  return parsed.data;
}

/** The criteria a decision is made against; definitions only, nobody's data. */
export async function getEligibilityCriteria(ctx: ServiceContext) {
  // Criteria are programme definitions like instruments: whoever may read instruments may read them.
  authorize(ctx.actor, 'instrument:read', programmeOf(ctx.actor));
  const settings = await eligibilitySettingsOf(ctx);
  return { criteria: settings.criteria.map((c) => ({ ...c, label: { ...c.label } })) };
}

/** The lifecycle steps a decision takes from `state`: through assessment first when still an inquiry. */
function stepsFor(
  state: CaseState,
  body: EligibilityDecisionBody,
): { event: CaseEvent; from: CaseState; to: CaseState }[] | null {
  const steps: { event: CaseEvent; from: CaseState; to: CaseState }[] = [];
  let current = state;
  if (current === 'inquiry') {
    const start = transition(current, 'start_assessment');
    if (!start.ok) return null;
    steps.push({ event: 'start_assessment', from: current, to: start.state });
    current = start.state;
  }
  const decided = eligibilityTransition(current, body.outcome);
  if (!decided.ok) return null;
  steps.push({ event: ELIGIBILITY_OUTCOME_EVENT[body.outcome], from: current, to: decided.state });
  return steps;
}

/** The date of birth from the case's personnummer, when the reader may see identity and it parses. */
async function birthDateFromIdentity(
  ctx: ServiceContext,
  caseId: string,
  crypto: CaseCrypto,
  resource: Parameters<typeof can>[2],
) {
  if (!can(ctx.actor, 'identity:read', resource)) return undefined;
  const person = await personOfCase(ctx, caseId);
  if (!person?.personnummerEnc) return undefined;
  const personnummer = crypto.decrypt('case_persons', 'personnummer_enc', person.id, person.personnummerEnc);
  const parsed = parsePersonnummer(personnummer);
  if (!parsed.ok) return undefined;
  await ctx.audit({ action: 'identity:read', recordType: 'case', recordId: caseId, purpose: 'eligibility_age' });
  return parsed.value.birthDate;
}

const forbiddenTransition = (from: string, outcome: string) => {
  const allowed = isCaseState(from) ? allowedEvents(from) : [];
  return new AppError('validation', {
    message: `A decision “${outcome}” is not possible from “${from}”. Possible: ${allowed.length > 0 ? allowed.join(', ') : 'none'}.`,
    messageKey: 'errors.forbidden_transition',
    fieldMessages: [{ path: 'outcome', ...describeIssue('custom', 'decision_not_possible_in_state') }],
  });
};

/**
 * Records an eligibility decision and moves the case on (an inquiry goes through assessment
 * first). SECURITY: every check runs before the first write, and the state update is guarded by
 * the state read, so a concurrent transition fails the whole decision rather than half of it.
 */
export async function decideEligibility(
  ctx: ServiceContext,
  caseId: string,
  input: EligibilityDecisionBody,
  now = new Date(),
) {
  // The decision moves the case on: `eligibility:record` is the decision and the transition both.
  const { row, resource, crypto } = await requireCase(ctx, caseId, 'eligibility:record', {
    logAs: 'eligibility:decide',
  });
  const settings = await eligibilitySettingsOf(ctx);
  const birthDate = input.birthDate ?? (await birthDateFromIdentity(ctx, caseId, crypto, resource));
  const body = { ...input, ...(birthDate !== undefined ? { birthDate } : {}) };
  const faults = checkEligibilityDecision(settings, body, now);
  if (faults.length > 0) throw validationFaults(faults);
  const steps = isCaseState(row.state) ? stepsFor(row.state, body) : null;
  if (!steps) throw forbiddenTransition(row.state, body.outcome);

  for (const step of steps) {
    const moved = await moveCaseState(ctx, {
      caseId,
      fromState: step.from,
      toState: step.to,
      event: step.event,
      assessmentDone: step.event === 'start_assessment' ? null : now,
    });
    if (!moved) throw new AppError('conflict');
    await ctx.audit({
      action: 'case:transition',
      recordType: 'case',
      recordId: caseId,
      details: { event: step.event, from: step.from, to: step.to },
    });
  }
  const id = randomUUID();
  await insertEligibilityDecision(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    caseId,
    outcome: body.outcome,
    answersEnc: crypto.encrypt('eligibility_decisions', 'answers_enc', id, JSON.stringify(body.answers)),
    reasonEnc: crypto.encrypt(
      'eligibility_decisions',
      'reason_enc',
      id,
      JSON.stringify({ reasoning: body.reasoning, referredTo: body.referredTo ?? null }),
    ),
    // Only the kind of referral is in clear, for reports; the receiving body's name is ciphertext.
    referredTo: body.referredTo?.kind ?? null,
    decidedBy: ctx.actor.userId,
    decidedAt: now,
  });
  await ctx.audit({
    action: 'eligibility:decide',
    recordType: 'eligibility_decision',
    recordId: id,
    details: { caseId, outcome: body.outcome, state: steps.at(-1)!.to },
  });
  return { id, outcome: body.outcome, state: steps.at(-1)!.to, events: steps.map((s) => s.event) };
}

const answersJson = z.record(z.string(), z.object({ met: z.boolean(), grounds: z.string() }));
const reasonJson = z.object({
  reasoning: z.string(),
  referredTo: z.object({ kind: z.string(), organisationName: z.string(), note: z.string().optional() }).nullable(),
});

/**
 * The decisions of a case, newest first, decrypted. SECURITY: the grounds describe the risk of
 * punishment by the group, so they are read only by those who may decide (coordinators on the team).
 */
export async function listEligibilityDecisions(ctx: ServiceContext, caseId: string) {
  const { crypto } = await requireCase(ctx, caseId, 'eligibility:decide');
  const rows = await eligibilityDecisionsOf(ctx.tx, ctx.actor.programmeId, caseId);
  if (rows.length > 0) {
    await ctx.audit({
      action: 'eligibility:read',
      recordType: 'case',
      recordId: caseId,
      purpose: 'assessment',
      details: { decisions: rows.length },
    });
  }
  return rows.map((r) => {
    const reason = reasonJson.parse(
      JSON.parse(crypto.decryptOptional('eligibility_decisions', 'reason_enc', r.id, r.reasonEnc) ?? 'null') ?? {
        reasoning: '',
        referredTo: null,
      },
    );
    return {
      id: r.id,
      outcome: z.enum(ELIGIBILITY_OUTCOMES).parse(r.outcome),
      answers: answersJson.parse(
        JSON.parse(crypto.decrypt('eligibility_decisions', 'answers_enc', r.id, r.answersEnc)),
      ),
      reasoning: reason.reasoning,
      referredTo: reason.referredTo,
      decidedBy: r.decidedBy,
      decidedAt: r.decidedAt.toISOString(),
    };
  });
}
