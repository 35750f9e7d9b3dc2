import { randomUUID } from 'node:crypto';
import { AppError, authorize, programmeOf, isOnDutyRoster, leadsCases } from '@utvag/domain';
import { and, eq } from 'drizzle-orm';
import { dutyShifts, meetingPlaces, staffAvailability } from '../../db/schema.ts';
import type { ServiceContext } from '../../service-context.ts';
import { createDataKey, decryptField, encryptField, unwrapDataKey, wrapDataKey } from '../crypto/field-crypto.ts';
import { activePlaces, availabilityBetween, rolesOf, shiftsBetween, staffOf } from './scheduling.repository.ts';

const MAX_SHIFT_MS = 7 * 24 * 3600 * 1000;

function requireInterval(startsAt: Date, endsAt: Date, maxMs = MAX_SHIFT_MS): void {
  if (endsAt <= startsAt) {
    throw new AppError('validation', {
      message: 'The end must be after the start.',
      messageKey: 'errors.end_before_start',
      fieldErrors: { endsAt: ['errors.end_before_start'] },
    });
  }
  if (endsAt.getTime() - startsAt.getTime() > maxMs) {
    throw new AppError('validation', {
      message: 'A period may be at most seven days long.',
      messageKey: 'errors.period_too_long',
      fieldErrors: { endsAt: ['errors.period_too_long'] },
    });
  }
}

/** SECURITY: only staff who work calls (coordinators, hotline officers) can be on duty or booked. */
async function requireStaff(ctx: ServiceContext, userId: string): Promise<void> {
  const roles = (await rolesOf(ctx.tx, ctx.actor.programmeId, [userId])).get(userId) ?? [];
  if (!isOnDutyRoster(roles)) {
    throw new AppError('validation', {
      message: 'That person is not hotline or coordinator staff in this programme.',
      messageKey: 'errors.not_staff',
      fieldErrors: { userId: ['errors.not_staff'] },
    });
  }
}

/** The roster for a period. */
export async function listShifts(ctx: ServiceContext, from: Date, to: Date) {
  authorize(ctx.actor, 'roster:read', programmeOf(ctx.actor));
  const shifts = await shiftsBetween(ctx.tx, ctx.actor.programmeId, from, to);
  const roles = await rolesOf(ctx.tx, ctx.actor.programmeId, [...new Set(shifts.map((s) => s.userId))]);
  return shifts.map((s) => ({
    ...s,
    startsAt: s.startsAt.toISOString(),
    endsAt: s.endsAt.toISOString(),
    roles: roles.get(s.userId) ?? [],
  }));
}

/** Who is on duty right now, coordinators first. */
export async function onDutyNow(ctx: ServiceContext, now = new Date()) {
  const shifts = await listShifts(ctx, now, new Date(now.getTime() + 1));
  return shifts.sort((a, b) => Number(leadsCases(b.roles)) - Number(leadsCases(a.roles)));
}

export async function addShift(ctx: ServiceContext, input: { userId: string; startsAt: Date; endsAt: Date }) {
  authorize(ctx.actor, 'roster:manage', programmeOf(ctx.actor));
  requireInterval(input.startsAt, input.endsAt);
  await requireStaff(ctx, input.userId);
  const [row] = await ctx.tx
    .insert(dutyShifts)
    .values({
      programmeId: ctx.actor.programmeId,
      userId: input.userId,
      startsAt: input.startsAt,
      endsAt: input.endsAt,
      createdBy: ctx.actor.userId,
    })
    .returning({ id: dutyShifts.id });
  await ctx.audit({ action: 'roster:manage', recordType: 'duty_shift', recordId: row!.id, details: { op: 'add' } });
  return { id: row!.id };
}

export async function removeShift(ctx: ServiceContext, id: string) {
  authorize(ctx.actor, 'roster:manage', programmeOf(ctx.actor));
  const removed = await ctx.tx
    .delete(dutyShifts)
    .where(and(eq(dutyShifts.id, id), eq(dutyShifts.programmeId, ctx.actor.programmeId)))
    .returning({ id: dutyShifts.id });
  if (removed.length === 0) throw new AppError('not_found');
  await ctx.audit({ action: 'roster:manage', recordType: 'duty_shift', recordId: id, details: { op: 'remove' } });
}

/** Hotline officers and coordinators of the programme, for the roster's and booking's pickers. */
export async function listStaff(ctx: ServiceContext) {
  authorize(ctx.actor, 'roster:read', programmeOf(ctx.actor));
  // `sealedReader`: who may be named to read a sealed identity link, decided here so the web
  // never tests a role by name (the protection service refuses anyone else).
  return (await staffOf(ctx.tx, ctx.actor.programmeId)).map((s) => ({ ...s, sealedReader: leadsCases(s.roles) }));
}

// ---- Meeting places (sensitive: names and addresses are ciphertext) ------------------------

const placeBinding = (id: string, column: string) => ({ table: 'meeting_places', column, rowId: id });

/** Decrypts a place for staff who may see places. */
export function presentPlace(
  ctx: ServiceContext,
  row: { id: string; wrappedKey: Buffer; nameEnc: Buffer; addressEnc: Buffer | null },
) {
  const key = unwrapDataKey(ctx.deps.keys.master, row.wrappedKey, placeBinding(row.id, 'wrapped_key'));
  return {
    id: row.id,
    name: decryptField(key, row.nameEnc, placeBinding(row.id, 'name_enc')),
    address: row.addressEnc ? decryptField(key, row.addressEnc, placeBinding(row.id, 'address_enc')) : null,
  };
}

export async function listPlaces(ctx: ServiceContext) {
  authorize(ctx.actor, 'place:read', programmeOf(ctx.actor));
  const rows = await activePlaces(ctx.tx, ctx.actor.programmeId);
  return rows.map((row) => presentPlace(ctx, row)).sort((a, b) => a.name.localeCompare(b.name, 'sv'));
}

export async function addPlace(ctx: ServiceContext, input: { name: string; address?: string | undefined }) {
  authorize(ctx.actor, 'place:manage', programmeOf(ctx.actor));
  const id = randomUUID();
  const key = createDataKey();
  await ctx.tx.insert(meetingPlaces).values({
    id,
    programmeId: ctx.actor.programmeId,
    wrappedKey: wrapDataKey(ctx.deps.keys.master, key, placeBinding(id, 'wrapped_key')),
    nameEnc: encryptField(key, input.name, placeBinding(id, 'name_enc')),
    addressEnc: input.address ? encryptField(key, input.address, placeBinding(id, 'address_enc')) : null,
  });
  await ctx.audit({ action: 'place:manage', recordType: 'meeting_place', recordId: id, details: { op: 'add' } });
  return { id, name: input.name, address: input.address ?? null };
}

export async function deactivatePlace(ctx: ServiceContext, id: string) {
  authorize(ctx.actor, 'place:manage', programmeOf(ctx.actor));
  const rows = await ctx.tx
    .update(meetingPlaces)
    .set({ active: false })
    .where(and(eq(meetingPlaces.id, id), eq(meetingPlaces.programmeId, ctx.actor.programmeId)))
    .returning({ id: meetingPlaces.id });
  if (rows.length === 0) throw new AppError('not_found');
  await ctx.audit({ action: 'place:manage', recordType: 'meeting_place', recordId: id, details: { op: 'deactivate' } });
}

// ---- Availability -------------------------------------------------------------------------

export async function listAvailability(ctx: ServiceContext, from: Date, to: Date) {
  authorize(ctx.actor, 'roster:read', programmeOf(ctx.actor));
  const rows = await availabilityBetween(ctx.tx, ctx.actor.programmeId, from, to);
  return rows.map((r) => ({ ...r, startsAt: r.startsAt.toISOString(), endsAt: r.endsAt.toISOString() }));
}

/** Adds an availability window; coordinators for anyone on staff, others for themselves only. */
export async function addAvailability(
  ctx: ServiceContext,
  input: { userId?: string | undefined; startsAt: Date; endsAt: Date },
) {
  const userId = input.userId ?? ctx.actor.userId;
  authorize(ctx.actor, 'availability:manage', { kind: 'staff', programmeId: ctx.actor.programmeId, userId });
  requireInterval(input.startsAt, input.endsAt);
  await requireStaff(ctx, userId);
  const [row] = await ctx.tx
    .insert(staffAvailability)
    .values({ programmeId: ctx.actor.programmeId, userId, startsAt: input.startsAt, endsAt: input.endsAt })
    .returning({ id: staffAvailability.id });
  await ctx.audit({
    action: 'availability:manage',
    recordType: 'availability',
    recordId: row!.id,
    details: { op: 'add' },
  });
  return { id: row!.id };
}

export async function removeAvailability(ctx: ServiceContext, id: string) {
  const [row] = await ctx.tx
    .select()
    .from(staffAvailability)
    .where(and(eq(staffAvailability.id, id), eq(staffAvailability.programmeId, ctx.actor.programmeId)));
  if (!row) throw new AppError('not_found');
  authorize(ctx.actor, 'availability:manage', {
    kind: 'staff',
    programmeId: ctx.actor.programmeId,
    userId: row.userId,
  });
  await ctx.tx.delete(staffAvailability).where(eq(staffAvailability.id, id));
  await ctx.audit({
    action: 'availability:manage',
    recordType: 'availability',
    recordId: id,
    details: { op: 'remove' },
  });
}
