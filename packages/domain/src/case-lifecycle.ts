/** Every state a case can be in, in the order a case usually passes through them. */
export const CASE_STATES = ['inquiry', 'assessment', 'admitted', 'declined', 'active', 'followup', 'closed'] as const;

/** A state of a case. */
export type CaseState = (typeof CASE_STATES)[number];

/** Every event that can move a case from one state to another. */
export const CASE_EVENTS = [
  'start_assessment',
  'admit',
  'decline',
  'refer',
  'activate',
  'begin_followup',
  'close',
  'reopen',
] as const;

/** An event in the life of a case. */
export type CaseEvent = (typeof CASE_EVENTS)[number];

/** The state a new case starts in: the hotline has taken a call further. */
export const INITIAL_CASE_STATE: CaseState = 'inquiry';

/** Why a case reached `closed` when the state machine itself knows it (a referral during assessment). */
export type CaseClosureReason = 'referred';

/** The outcome of applying an event to a state. */
export type CaseTransitionResult =
  { ok: true; state: CaseState; closureReason?: CaseClosureReason } | { ok: false; reason: 'forbidden_transition' };

/**
 * The whole state machine as data: state → event → next state. An event not listed for a state
 * is forbidden.
 * - A referral during assessment closes the case as `referred` (the person is sent elsewhere).
 * - `reopen` takes a closed or declined case back to assessment: the programme gives more chances
 *   after a relapse, and the history stays whole because a transition never removes anything.
 */
const TRANSITIONS: Readonly<Record<CaseState, Readonly<Partial<Record<CaseEvent, CaseState>>>>> = {
  inquiry: { start_assessment: 'assessment', close: 'closed' },
  assessment: { admit: 'admitted', decline: 'declined', refer: 'closed' },
  admitted: { activate: 'active' },
  declined: { close: 'closed', reopen: 'assessment' },
  active: { begin_followup: 'followup', close: 'closed' },
  followup: { close: 'closed' },
  closed: { reopen: 'assessment' },
};

const STATE_SET: ReadonlySet<string> = new Set(CASE_STATES);
const EVENT_SET: ReadonlySet<string> = new Set(CASE_EVENTS);

/** True when `x` is one of the known case states (states read from storage are untrusted strings). */
export function isCaseState(x: unknown): x is CaseState {
  return typeof x === 'string' && STATE_SET.has(x);
}

/** True when `x` is one of the known case events. */
export function isCaseEvent(x: unknown): x is CaseEvent {
  return typeof x === 'string' && EVENT_SET.has(x);
}

/** Applies `event` to `state`. Pure; anything not in the table is a forbidden transition. */
export function transition(state: CaseState, event: CaseEvent): CaseTransitionResult {
  // SECURITY: strings that escaped the type system ('__proto__', 'constructor') must not index the table.
  if (!isCaseState(state) || !isCaseEvent(event)) return { ok: false, reason: 'forbidden_transition' };
  const next = Object.hasOwn(TRANSITIONS[state], event) ? TRANSITIONS[state][event] : undefined;
  if (next === undefined) return { ok: false, reason: 'forbidden_transition' };
  return event === 'refer' ? { ok: true, state: next, closureReason: 'referred' } : { ok: true, state: next };
}

/** The events allowed in `state`, in `CASE_EVENTS` order. */
export function allowedEvents(state: CaseState): readonly CaseEvent[] {
  return CASE_EVENTS.filter((event) => transition(state, event).ok);
}
