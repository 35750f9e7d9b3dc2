import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { proposeSlots, roundUpToSlot, type BusyEntry, type ProposeSlotsInput } from './booking.ts';

const at = (hhmm: string) => new Date(`2026-01-15T${hhmm}:00Z`);
const window = (from: string, to: string) => ({ start: at(from), end: at(to) });
const END_OF_DAY = new Date('2026-01-15T23:00:00Z'); // Stockholm midnight in winter

function input(overrides: Partial<ProposeSlotsInput>): ProposeSlotsInput {
  return {
    now: at('14:07'),
    durationMinutes: 60,
    staff: [{ userId: 'coord-on-duty', windows: [window('08:00', '23:00')] }],
    places: [{ id: 'place-a' }],
    busy: [],
    preferUserIds: ['coord-on-duty'],
    endOfDay: END_OF_DAY,
    limit: 5,
    ...overrides,
  };
}

const show = (slots: ReturnType<typeof proposeSlots>) =>
  slots.map(
    (s) => `${s.userId}@${s.placeId} ${s.start.toISOString().slice(11, 16)}-${s.end.toISOString().slice(11, 16)}`,
  );

describe('roundUpToSlot', () => {
  it('rounds up to the next quarter hour, and leaves a quarter hour alone', () => {
    expect(roundUpToSlot(at('14:07')).toISOString()).toBe('2026-01-15T14:15:00.000Z');
    expect(roundUpToSlot(at('14:15')).toISOString()).toBe('2026-01-15T14:15:00.000Z');
    expect(roundUpToSlot(new Date('2026-01-15T14:15:00.001Z')).toISOString()).toBe('2026-01-15T14:30:00.000Z');
  });
});

describe('proposeSlots', () => {
  it('proposes the next quarter hour for the coordinator on duty when everything is free', () => {
    expect(show(proposeSlots(input({ limit: 3 })))).toEqual([
      'coord-on-duty@place-a 14:15-15:15',
      'coord-on-duty@place-a 14:30-15:30',
      'coord-on-duty@place-a 14:45-15:45',
    ]);
  });

  it('skips the times the coordinator is busy', () => {
    const busy = [{ userId: 'coord-on-duty', start: at('14:00'), end: at('16:00') }];
    expect(show(proposeSlots(input({ busy, limit: 1 })))).toEqual(['coord-on-duty@place-a 16:00-17:00']);
  });

  it('moves to another place when the first is taken', () => {
    const places = [{ id: 'place-a' }, { id: 'place-b' }];
    const busy = [{ placeId: 'place-a', start: at('14:00'), end: at('18:00') }];
    expect(show(proposeSlots(input({ places, busy, limit: 1 })))).toEqual(['coord-on-duty@place-b 14:15-15:15']);
  });

  it("keeps to the place's opening hours", () => {
    const places = [{ id: 'place-a', windows: [window('17:00', '20:00')] }];
    expect(show(proposeSlots(input({ places, limit: 10 })))).toEqual([
      'coord-on-duty@place-a 17:00-18:00',
      'coord-on-duty@place-a 17:15-18:15',
      'coord-on-duty@place-a 17:30-18:30',
      'coord-on-duty@place-a 17:45-18:45',
      'coord-on-duty@place-a 18:00-19:00',
      'coord-on-duty@place-a 18:15-19:15',
      'coord-on-duty@place-a 18:30-19:30',
      'coord-on-duty@place-a 18:45-19:45',
      'coord-on-duty@place-a 19:00-20:00',
    ]);
  });

  it('finds a slot across two touching windows of the same person', () => {
    const staff = [{ userId: 'coord-on-duty', windows: [window('15:00', '15:30'), window('15:30', '16:00')] }];
    expect(show(proposeSlots(input({ staff, limit: 5 })))).toEqual(['coord-on-duty@place-a 15:00-16:00']);
  });

  it('puts the on-duty coordinator first, even when someone else is free earlier', () => {
    const staff = [
      { userId: 'other', windows: [window('14:00', '23:00')] },
      { userId: 'coord-on-duty', windows: [window('16:00', '23:00')] },
    ];
    const slots = proposeSlots(input({ staff, limit: 40 }));
    expect(show(slots.slice(0, 1))).toEqual(['coord-on-duty@place-a 16:00-17:00']);
    expect(slots.filter((s) => s.preferred).every((s) => s.userId === 'coord-on-duty')).toBe(true);
    expect(show(slots.filter((s) => !s.preferred).slice(0, 1))).toEqual(['other@place-a 14:15-15:15']);
  });

  it('offers other staff when the on-duty coordinator has nothing free today', () => {
    const staff = [
      { userId: 'coord-on-duty', windows: [window('08:00', '12:00')] },
      { userId: 'other', windows: [window('20:00', '22:00')] },
    ];
    expect(show(proposeSlots(input({ staff, limit: 1 })))).toEqual(['other@place-a 20:00-21:00']);
  });

  it('never books one place twice at once, even with two staff free', () => {
    const staff = [
      { userId: 'coord-on-duty', windows: [window('14:00', '23:00')] },
      { userId: 'other', windows: [window('14:00', '23:00')] },
    ];
    const busy = [{ userId: 'coord-on-duty', placeId: 'place-a', start: at('14:15'), end: at('15:15') }];
    const slots = proposeSlots(input({ staff, busy, limit: 50 }));
    expect(
      slots.some((s) => s.start.getTime() < at('15:15').getTime() && s.end.getTime() > at('14:15').getTime()),
    ).toBe(false);
  });

  it('proposes nothing that runs past midnight, and nothing at all when the day is over', () => {
    expect(show(proposeSlots(input({ now: at('21:50') })))).toEqual(['coord-on-duty@place-a 22:00-23:00']);
    expect(proposeSlots(input({ now: at('22:01') }))).toEqual([]);
  });

  it('returns [] when no place is free, no staff is available, or the request is impossible', () => {
    expect(proposeSlots(input({ places: [] }))).toEqual([]);
    expect(proposeSlots(input({ staff: [] }))).toEqual([]);
    expect(proposeSlots(input({ busy: [{ placeId: 'place-a', start: at('00:00'), end: at('23:59') }] }))).toEqual([]);
    expect(proposeSlots(input({ durationMinutes: 0 }))).toEqual([]);
    expect(proposeSlots(input({ durationMinutes: 22.5 }))).toEqual([]);
    expect(proposeSlots(input({ limit: 0 }))).toEqual([]);
  });

  it('ignores windows and busy entries that end before they start', () => {
    const staff = [{ userId: 'coord-on-duty', windows: [window('18:00', '15:00'), window('16:00', '17:00')] }];
    const busy = [{ userId: 'coord-on-duty', start: at('17:00'), end: at('16:00') }];
    expect(show(proposeSlots(input({ staff, busy })))).toEqual(['coord-on-duty@place-a 16:00-17:00']);
  });

  it('lets an empty busy entry (start equal to end) block nothing', () => {
    const busy = [{ userId: 'coord-on-duty', start: at('14:20'), end: at('14:20') }];
    expect(show(proposeSlots(input({ busy, limit: 1 })))).toEqual(['coord-on-duty@place-a 14:15-15:15']);
  });
});

// ---- properties, checked against an independent minute-by-minute oracle ------------------------

const DAY_START = at('00:00').getTime();
const minute = (m: number) => new Date(DAY_START + m * 60_000);
const spanArb = fc
  .tuple(fc.integer({ min: 0, max: 1440 }), fc.integer({ min: 0, max: 1440 }))
  .map(([a, b]) => ({ start: minute(Math.min(a, b)), end: minute(Math.max(a, b)) }));

const USERS = ['u1', 'u2', 'u3'];
const PLACES = ['p1', 'p2'];

const scenario = fc.record({
  nowMinute: fc.integer({ min: 0, max: 1440 }),
  durationMinutes: fc.constantFrom(15, 30, 45, 60, 90),
  staff: fc
    .subarray(USERS, { minLength: 1 })
    .chain((users) =>
      fc.tuple(...users.map((userId) => fc.array(spanArb, { maxLength: 3 }).map((windows) => ({ userId, windows })))),
    ),
  places: fc
    .subarray(PLACES, { minLength: 1 })
    .chain((ids) =>
      fc.tuple(
        ...ids.map((id) =>
          fc
            .option(fc.array(spanArb, { maxLength: 2 }), { nil: undefined })
            .map((windows) => (windows === undefined ? { id } : { id, windows })),
        ),
      ),
    ),
  busy: fc.array(
    fc.record({
      userId: fc.option(fc.constantFrom(...USERS), { nil: undefined }),
      placeId: fc.option(fc.constantFrom(...PLACES), { nil: undefined }),
      span: spanArb,
    }),
    { maxLength: 8 },
  ),
  preferUserIds: fc.subarray(USERS),
  limit: fc.integer({ min: 1, max: 30 }),
});

function scenarioValue(s: {
  nowMinute: number;
  durationMinutes: number;
  staff: { userId: string; windows: { start: Date; end: Date }[] }[];
  places: ({ id: string } | { id: string; windows: { start: Date; end: Date }[] })[];
  busy: { userId: string | undefined; placeId: string | undefined; span: { start: Date; end: Date } }[];
  preferUserIds: string[];
  limit: number;
}): ProposeSlotsInput {
  const busy: BusyEntry[] = s.busy.map((b) => ({
    ...(b.userId === undefined ? {} : { userId: b.userId }),
    ...(b.placeId === undefined ? {} : { placeId: b.placeId }),
    start: b.span.start,
    end: b.span.end,
  }));
  return {
    now: minute(s.nowMinute),
    durationMinutes: s.durationMinutes,
    staff: s.staff,
    places: s.places,
    busy,
    preferUserIds: s.preferUserIds,
    endOfDay: minute(1380),
    limit: s.limit,
  };
}

/** True when every minute of [start, end) is covered by some window (windows may touch). */
function covered(start: number, end: number, windows: readonly { start: Date; end: Date }[]): boolean {
  for (let t = start; t < end; t += 60_000) {
    if (!windows.some((w) => w.start.getTime() <= t && t < w.end.getTime())) return false;
  }
  return true;
}

/** An empty busy span ([t, t)) occupies no minute, so it clashes with nothing, as in proposeSlots. */
function clashes(start: number, end: number, busy: readonly BusyEntry[], userId: string, placeId: string): boolean {
  return busy.some(
    (b) =>
      (b.userId === userId || b.placeId === placeId) &&
      b.start.getTime() < b.end.getTime() &&
      b.start.getTime() < end &&
      start < b.end.getTime(),
  );
}

/** Every feasible (user, place, start) by brute force. */
function oracle(i: ProposeSlotsInput): { userId: string; placeId: string; start: number }[] {
  const out: { userId: string; placeId: string; start: number }[] = [];
  const d = i.durationMinutes * 60_000;
  for (let start = DAY_START; start + d <= i.endOfDay.getTime(); start += 15 * 60_000) {
    if (start < i.now.getTime()) continue;
    for (const member of i.staff) {
      for (const place of i.places) {
        if (!covered(start, start + d, member.windows)) continue;
        if (place.windows !== undefined && !covered(start, start + d, place.windows)) continue;
        if (clashes(start, start + d, i.busy, member.userId, place.id)) continue;
        out.push({ userId: member.userId, placeId: place.id, start });
      }
    }
  }
  return out;
}

describe('proposeSlots properties', () => {
  it('proposes only slots that are free for their user and place, inside their windows, today, on the quarter hour', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const i = scenarioValue(s);
        for (const slot of proposeSlots(i)) {
          const start = slot.start.getTime();
          const end = slot.end.getTime();
          expect(end - start).toBe(i.durationMinutes * 60_000);
          expect(start).toBeGreaterThanOrEqual(i.now.getTime());
          expect(start % (15 * 60_000)).toBe(0);
          expect(end).toBeLessThanOrEqual(i.endOfDay.getTime());
          expect(clashes(start, end, i.busy, slot.userId, slot.placeId)).toBe(false);
          const member = i.staff.find((m) => m.userId === slot.userId);
          expect(member && covered(start, end, member.windows)).toBe(true);
          const place = i.places.find((p) => p.id === slot.placeId);
          expect(place && (place.windows === undefined || covered(start, end, place.windows))).toBe(true);
          expect(slot.preferred).toBe(i.preferUserIds.includes(slot.userId));
        }
      }),
      { numRuns: 300 },
    );
  });

  it('is sorted: on-duty staff first, then earliest first within each group, and never longer than the limit', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const i = scenarioValue(s);
        const slots = proposeSlots(i);
        expect(slots.length).toBeLessThanOrEqual(i.limit);
        for (let k = 1; k < slots.length; k++) {
          const a = slots[k - 1]!;
          const b = slots[k]!;
          expect(Number(b.preferred)).toBeLessThanOrEqual(Number(a.preferred));
          if (a.preferred === b.preferred) expect(b.start.getTime()).toBeGreaterThanOrEqual(a.start.getTime());
        }
      }),
      { numRuns: 300 },
    );
  });

  it('finds the earliest feasible slot, preferring on-duty staff, and finds one whenever one exists', () => {
    fc.assert(
      fc.property(scenario, (s) => {
        const i = scenarioValue(s);
        const feasible = oracle(i);
        const slots = proposeSlots(i);
        expect(slots.length > 0).toBe(feasible.length > 0);
        if (feasible.length === 0) return;
        const preferredFeasible = feasible.filter((f) => i.preferUserIds.includes(f.userId));
        const pool = preferredFeasible.length > 0 ? preferredFeasible : feasible;
        expect(slots[0]!.start.getTime()).toBe(Math.min(...pool.map((f) => f.start)));
      }),
      { numRuns: 300 },
    );
  });
});
