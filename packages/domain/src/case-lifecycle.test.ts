import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  allowedEvents,
  CASE_EVENTS,
  CASE_STATES,
  INITIAL_CASE_STATE,
  isCaseEvent,
  isCaseState,
  transition,
  type CaseEvent,
  type CaseState,
} from './case-lifecycle.ts';

// Written by hand from the issue, independently of the transition table: every allowed
// transition, as 'from --event--> to'. Every pair not listed here must be forbidden.
const ALLOWED = [
  'inquiry --start_assessment--> assessment',
  'inquiry --close--> closed',
  'assessment --admit--> admitted',
  'assessment --decline--> declined',
  'assessment --refer--> closed',
  'admitted --activate--> active',
  'declined --close--> closed',
  'declined --reopen--> assessment',
  'active --begin_followup--> followup',
  'active --close--> closed',
  'followup --close--> closed',
  'closed --reopen--> assessment',
];

const EXPECTED = new Map(
  ALLOWED.map((line) => {
    const match = /^(\w+) --(\w+)--> (\w+)$/.exec(line);
    if (match === null) throw new Error(`bad line in the expected table: ${line}`);
    const [, from, event, to] = match;
    return [`${from} ${event}`, to];
  }),
);

const PAIRS = CASE_STATES.flatMap((state) =>
  CASE_EVENTS.map((event) => ({ state, event, expected: EXPECTED.get(`${state} ${event}`) ?? null })),
);

describe('the case state machine, every state × event', () => {
  it('names only known states and events in the expected table', () => {
    for (const line of ALLOWED) {
      const [from, , to] = line.split(' ');
      const event = /--(\w+)-->/.exec(line)?.[1];
      expect(isCaseState(from)).toBe(true);
      expect(isCaseState(to)).toBe(true);
      expect(isCaseEvent(event)).toBe(true);
    }
    expect(PAIRS).toHaveLength(7 * 8);
  });

  it.each(PAIRS)('$state + $event → $expected', ({ state, event, expected }) => {
    const result = transition(state, event);
    if (expected === null) {
      expect(result).toEqual({ ok: false, reason: 'forbidden_transition' });
    } else {
      expect(result).toMatchObject({ ok: true, state: expected });
    }
  });
});

describe('transition', () => {
  it('starts a new case as an inquiry', () => {
    expect(INITIAL_CASE_STATE).toBe('inquiry');
  });

  it('closes a case referred during assessment with the reason "referred"', () => {
    expect(transition('assessment', 'refer')).toEqual({ ok: true, state: 'closed', closureReason: 'referred' });
  });

  it('gives no closure reason for an ordinary close', () => {
    expect(transition('active', 'close')).toEqual({ ok: true, state: 'closed' });
  });

  it('reopens a closed case into assessment after a relapse', () => {
    expect(transition('closed', 'reopen')).toEqual({ ok: true, state: 'assessment' });
  });

  it('reopens a declined case into assessment: more chances', () => {
    expect(transition('declined', 'reopen')).toEqual({ ok: true, state: 'assessment' });
  });

  it('does not let an admitted case skip activation straight to follow-up', () => {
    expect(transition('admitted', 'begin_followup').ok).toBe(false);
  });

  it.each(['__proto__', 'constructor', 'toString', 'hasOwnProperty', '', 'CLOSED'])(
    'forbids the unknown state or event %j',
    (bad) => {
      expect(transition(bad as CaseState, 'close')).toEqual({ ok: false, reason: 'forbidden_transition' });
      expect(transition('active', bad as CaseEvent)).toEqual({ ok: false, reason: 'forbidden_transition' });
    },
  );
});

describe('allowedEvents', () => {
  it.each(CASE_STATES)('lists exactly the expected events for %s', (state) => {
    const expected = CASE_EVENTS.filter((event) => EXPECTED.has(`${state} ${event}`));
    expect(allowedEvents(state)).toEqual(expected);
  });

  it('offers nothing for an unknown state', () => {
    expect(allowedEvents('archived' as CaseState)).toEqual([]);
  });
});

describe('properties of the state machine', () => {
  const eventSequence = fc.array(fc.constantFrom(...CASE_EVENTS), { maxLength: 40 });

  it('stays in a known state whatever events are tried, and a forbidden event changes nothing', () => {
    fc.assert(
      fc.property(eventSequence, (events) => {
        let state: CaseState = INITIAL_CASE_STATE;
        for (const event of events) {
          const result = transition(state, event);
          expect(result.ok).toBe(allowedEvents(state).includes(event));
          if (result.ok) state = result.state;
          expect(isCaseState(state)).toBe(true);
        }
      }),
    );
  });

  it('reaches every state from an inquiry, and can close from every state', () => {
    const reachable = (from: CaseState): Set<CaseState> => {
      const seen = new Set<CaseState>([from]);
      const queue = [from];
      for (let state = queue.shift(); state !== undefined; state = queue.shift()) {
        for (const event of allowedEvents(state)) {
          const result = transition(state, event);
          if (result.ok && !seen.has(result.state)) {
            seen.add(result.state);
            queue.push(result.state);
          }
        }
      }
      return seen;
    };
    expect([...reachable(INITIAL_CASE_STATE)].sort()).toEqual([...CASE_STATES].sort());
    for (const state of CASE_STATES) expect(reachable(state).has('closed')).toBe(true);
  });

  it('never returns to inquiry: a case that has been assessed keeps its history', () => {
    for (const state of CASE_STATES) {
      for (const event of CASE_EVENTS) {
        const result = transition(state, event);
        if (result.ok) expect(result.state).not.toBe('inquiry');
      }
    }
  });
});
