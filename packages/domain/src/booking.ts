/** A stretch of time, start inclusive and end exclusive. */
export type TimeWindow = { start: Date; end: Date };

/** A staff member and when they can take a meeting today. */
export type StaffAvailability = { userId: string; windows: readonly TimeWindow[] };

/** A meeting place; without windows it can be used at any time of the day. */
export type PlaceAvailability = { id: string; windows?: readonly TimeWindow[] };

/** Something already booked: blocks its user, its place, or both (a meeting). */
export type BusyEntry = { userId?: string; placeId?: string; start: Date; end: Date };

/** What `proposeSlots` needs. */
export type ProposeSlotsInput = {
  now: Date;
  durationMinutes: number;
  staff: readonly StaffAvailability[];
  places: readonly PlaceAvailability[];
  busy: readonly BusyEntry[];
  /** The coordinators on duty now; their slots come first. */
  preferUserIds: readonly string[];
  /** The end of today: the next local midnight (see `endOfLocalDay`). */
  endOfDay: Date;
  limit: number;
};

/** A free slot for one staff member at one place. */
export type ProposedSlot = { userId: string; placeId: string; start: Date; end: Date; preferred: boolean };

/** Proposed meetings start on the quarter hour. */
export const SLOT_STEP_MINUTES = 15;

const MINUTE_MS = 60_000;
const STEP_MS = SLOT_STEP_MINUTES * MINUTE_MS;
const MAX_DURATION_MINUTES = 24 * 60;

/** `instant` rounded up to the next quarter hour (unchanged when already on one). */
export function roundUpToSlot(instant: Date): Date {
  return new Date(Math.ceil(instant.getTime() / STEP_MS) * STEP_MS);
}

type Span = { start: number; end: number };

function isValidSpan(span: Span): boolean {
  return Number.isFinite(span.start) && Number.isFinite(span.end) && span.start < span.end;
}

/** Windows as sorted, merged spans, so a slot across two touching windows is found. */
function mergeWindows(windows: readonly TimeWindow[]): Span[] {
  const spans = windows
    .map((w) => ({ start: w.start.getTime(), end: w.end.getTime() }))
    .filter(isValidSpan)
    .sort((a, b) => a.start - b.start);
  const merged: Span[] = [];
  for (const span of spans) {
    const last = merged.at(-1);
    if (last !== undefined && span.start <= last.end) last.end = Math.max(last.end, span.end);
    else merged.push({ ...span });
  }
  return merged;
}

function isInside(slot: Span, windows: readonly Span[]): boolean {
  return windows.some((w) => w.start <= slot.start && slot.end <= w.end);
}

function overlapsAny(slot: Span, busy: readonly Span[]): boolean {
  return busy.some((b) => b.start < slot.end && slot.start < b.end);
}

function busyBy<K extends 'userId' | 'placeId'>(busy: readonly BusyEntry[], key: K): Map<string, Span[]> {
  const byKey = new Map<string, Span[]>();
  for (const entry of busy) {
    const id = entry[key];
    const span = { start: entry.start.getTime(), end: entry.end.getTime() };
    if (id === undefined || !isValidSpan(span)) continue;
    byKey.set(id, [...(byKey.get(id) ?? []), span]);
  }
  return byKey;
}

/**
 * The earliest free slots today: each starts on a quarter hour no earlier than `now`, ends by
 * `endOfDay`, and has one staff member and one place free for the whole duration. Slots of
 * on-duty staff (`preferUserIds`) come first, each group earliest first; at most one slot per
 * staff member and start time (at the first free place, in the order `places` are given).
 * Returns [] when nothing fits today.
 */
export function proposeSlots(input: ProposeSlotsInput): ProposedSlot[] {
  const { durationMinutes, limit } = input;
  if (!Number.isInteger(durationMinutes) || durationMinutes <= 0 || durationMinutes > MAX_DURATION_MINUTES) return [];
  if (!Number.isInteger(limit) || limit <= 0) return [];
  const durationMs = durationMinutes * MINUTE_MS;
  const firstStart = roundUpToSlot(input.now).getTime();
  const endOfDay = input.endOfDay.getTime();
  if (!Number.isFinite(firstStart) || !Number.isFinite(endOfDay)) return [];

  const userBusy = busyBy(input.busy, 'userId');
  const placeBusy = busyBy(input.busy, 'placeId');
  const places = input.places.map((place) => ({
    id: place.id,
    windows: place.windows === undefined ? null : mergeWindows(place.windows),
    busy: placeBusy.get(place.id) ?? [],
  }));
  const preferred = new Set(input.preferUserIds);
  const rank = (userId: string) => {
    const index = input.preferUserIds.indexOf(userId);
    return index === -1 ? input.preferUserIds.length : index;
  };
  // Preferred staff first, in the order given; the rest keep their order.
  const staff = input.staff
    .map((member, order) => ({
      userId: member.userId,
      windows: mergeWindows(member.windows),
      busy: userBusy.get(member.userId) ?? [],
      order,
    }))
    .sort((a, b) => rank(a.userId) - rank(b.userId) || a.order - b.order);

  const slots: ProposedSlot[] = [];
  for (const tier of [true, false]) {
    const tierSlots: ProposedSlot[] = [];
    for (let start = firstStart; start + durationMs <= endOfDay; start += STEP_MS) {
      const span = { start, end: start + durationMs };
      for (const member of staff) {
        if (preferred.has(member.userId) !== tier) continue;
        if (!isInside(span, member.windows) || overlapsAny(span, member.busy)) continue;
        const place = places.find(
          (p) => (p.windows === null || isInside(span, p.windows)) && !overlapsAny(span, p.busy),
        );
        if (place === undefined) continue;
        tierSlots.push({
          userId: member.userId,
          placeId: place.id,
          start: new Date(span.start),
          end: new Date(span.end),
          preferred: tier,
        });
      }
      if (slots.length + tierSlots.length >= limit) break;
    }
    slots.push(...tierSlots);
    if (slots.length >= limit) break;
  }
  return slots.slice(0, limit);
}
