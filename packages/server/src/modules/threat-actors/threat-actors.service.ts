import { randomUUID } from 'node:crypto';
import {
  AppError,
  authorize,
  type createThreatGroupBody,
  type createThreatPersonBody,
  type Rivalry,
  programmeOf,
} from '@utvag/domain';
import type { z } from 'zod';
import type { ServiceContext } from '../../service-context.ts';
import { createDataKey, decryptField, encryptField, unwrapDataKey, wrapDataKey } from '../crypto/field-crypto.ts';
import {
  existingGroupIds,
  findThreatPerson,
  groupsOf,
  insertGroup,
  insertPresence,
  insertRivalry,
  insertThreatPerson,
  presenceOf,
  rivalriesOf,
  threatPersonsOf,
} from './threat-actors.repository.ts';

// The programme's threat-actor registry: groups, where they are, their rivalries, and the
// persons who threaten. Reused across cases; coordinators only (see ROLE_ACTIONS).

/** Fails with a 404 unless every id is a group of the acting programme. */
async function requireGroups(ctx: ServiceContext, groupIds: readonly string[]): Promise<void> {
  const found = await existingGroupIds(ctx.tx, ctx.actor.programmeId, groupIds);
  if (groupIds.some((id) => !found.has(id))) throw new AppError('not_found');
}

/** Every group with the municipalities it is known in and its rivals. */
export async function listThreatGroups(ctx: ServiceContext) {
  authorize(ctx.actor, 'threat_actor:read', programmeOf(ctx.actor));
  const groups = await groupsOf(ctx.tx, ctx.actor.programmeId);
  const presence = await presenceOf(ctx.tx, ctx.actor.programmeId);
  const rivals = await rivalriesOf(ctx.tx, ctx.actor.programmeId);
  await ctx.audit({ action: 'threat_actor:read', details: { view: 'groups', count: groups.length } });
  return groups.map((g) => ({
    id: g.id,
    name: g.name,
    municipalities: presence.filter((p) => p.groupId === g.id).map((p) => p.municipality),
    rivalGroupIds: rivals.flatMap((r) => (r.groupA === g.id ? [r.groupB] : r.groupB === g.id ? [r.groupA] : [])),
  }));
}

/** Registers a group, with the municipalities it is known in. */
export async function createThreatGroup(ctx: ServiceContext, input: z.output<typeof createThreatGroupBody>) {
  authorize(ctx.actor, 'threat_actor:write', programmeOf(ctx.actor));
  const group = await insertGroup(ctx.tx, ctx.actor.programmeId, input.name);
  const municipalities = [...new Set(input.municipalities)];
  for (const municipality of municipalities)
    await insertPresence(ctx.tx, ctx.actor.programmeId, group.id, municipality);
  // SECURITY: the log names the record, never the group's name or where it is.
  await ctx.audit({
    action: 'threat_actor:write',
    recordType: 'threat_group',
    recordId: group.id,
    details: { op: 'create' },
  });
  return { id: group.id, name: group.name, municipalities, rivalGroupIds: [] };
}

export async function addGroupPresence(ctx: ServiceContext, groupId: string, input: { municipality: string }) {
  authorize(ctx.actor, 'threat_actor:write', programmeOf(ctx.actor));
  await requireGroups(ctx, [groupId]);
  await insertPresence(ctx.tx, ctx.actor.programmeId, groupId, input.municipality);
  await ctx.audit({
    action: 'threat_actor:write',
    recordType: 'threat_group',
    recordId: groupId,
    details: { op: 'presence' },
  });
  return { groupId, municipality: input.municipality };
}

/** Records that two groups are rivals; symmetric, stored once. */
export async function addRivalry(ctx: ServiceContext, input: Rivalry) {
  authorize(ctx.actor, 'threat_actor:write', programmeOf(ctx.actor));
  // The body schema refused a rivalry of a group with itself and ordered the pair.
  await requireGroups(ctx, [input.groupA, input.groupB]);
  const stored = await insertRivalry(ctx.tx, ctx.actor.programmeId, input.groupA, input.groupB);
  await ctx.audit({
    action: 'threat_actor:write',
    recordType: 'rivalry',
    recordId: `${stored.groupA}:${stored.groupB}`,
    details: { op: 'rivalry' },
  });
  return stored;
}

export async function listRivalries(ctx: ServiceContext) {
  authorize(ctx.actor, 'threat_actor:read', programmeOf(ctx.actor));
  const rows = await rivalriesOf(ctx.tx, ctx.actor.programmeId);
  await ctx.audit({ action: 'threat_actor:read', details: { view: 'rivalries', count: rows.length } });
  return rows;
}

// ---- Persons who threaten (identity is ciphertext under each record's own key) -------------

const personBinding = (id: string, column: string) => ({ table: 'threat_persons', column, rowId: id });

type ThreatPersonRow = NonNullable<Awaited<ReturnType<typeof findThreatPerson>>>;

/** Decrypts a threatening person for staff who may read the registry. */
export function presentThreatPerson(ctx: ServiceContext, row: ThreatPersonRow, withNotes: boolean) {
  const key = unwrapDataKey(ctx.deps.keys.master, row.wrappedKey, personBinding(row.id, 'wrapped_key'));
  const dec = (value: Buffer | null, column: string) =>
    value === null ? null : decryptField(key, value, personBinding(row.id, column));
  return {
    id: row.id,
    groupId: row.groupId,
    name: dec(row.nameEnc, 'name_enc')!,
    alias: dec(row.aliasEnc, 'alias_enc'),
    ...(withNotes ? { notes: dec(row.notesEnc, 'notes_enc') } : {}),
  };
}

export async function createThreatPerson(ctx: ServiceContext, input: z.output<typeof createThreatPersonBody>) {
  authorize(ctx.actor, 'threat_actor:write', programmeOf(ctx.actor));
  if (input.groupId) await requireGroups(ctx, [input.groupId]);
  const id = randomUUID();
  const key = createDataKey();
  const enc = (value: string | undefined, column: string) =>
    value === undefined ? null : encryptField(key, value, personBinding(id, column));
  await insertThreatPerson(ctx.tx, {
    id,
    programmeId: ctx.actor.programmeId,
    groupId: input.groupId ?? null,
    wrappedKey: wrapDataKey(ctx.deps.keys.master, key, personBinding(id, 'wrapped_key')),
    nameEnc: encryptField(key, input.name, personBinding(id, 'name_enc')),
    aliasEnc: enc(input.alias, 'alias_enc'),
    notesEnc: enc(input.notes, 'notes_enc'),
  });
  // SECURITY: never the name, alias or notes in the log.
  await ctx.audit({
    action: 'threat_actor:write',
    recordType: 'threat_person',
    recordId: id,
    details: { op: 'create' },
  });
  return {
    id,
    groupId: input.groupId ?? null,
    name: input.name,
    alias: input.alias ?? null,
    notes: input.notes ?? null,
  };
}

/** The registry's persons: name, alias and group; the notes only on the single view. */
export async function listThreatPersons(ctx: ServiceContext) {
  authorize(ctx.actor, 'threat_actor:read', programmeOf(ctx.actor));
  const rows = await threatPersonsOf(ctx.tx, ctx.actor.programmeId);
  const persons = rows.map((row) => presentThreatPerson(ctx, row, false));
  await ctx.audit({ action: 'threat_actor:read', details: { view: 'persons', count: persons.length } });
  return persons;
}

export async function getThreatPerson(ctx: ServiceContext, id: string) {
  authorize(ctx.actor, 'threat_actor:read', programmeOf(ctx.actor));
  const row = await findThreatPerson(ctx.tx, ctx.actor.programmeId, id);
  if (!row) throw new AppError('not_found');
  const person = presentThreatPerson(ctx, row, true);
  await ctx.audit({ action: 'threat_actor:read', recordType: 'threat_person', recordId: id });
  return { ...person, notes: person.notes ?? null };
}
