import { randomUUID } from 'node:crypto';
import { parsePersonnummer } from '@utvag/domain';
import type { Tx } from '../../db/database.ts';
import {
  blindIndex,
  createDataKey,
  decryptField,
  encryptField,
  unwrapDataKey,
  wrapDataKey,
} from '../crypto/field-crypto.ts';
import type { Keys } from '../crypto/keys.ts';
import type { ServiceContext } from '../../service-context.ts';
import { insertCasePerson, insertCaseRow, insertRelatedPersonRow, insertTeamMembers } from './cases.repository.ts';

export type IdentityInput = { name?: string; personnummer?: string; phone?: string; address?: string };
export type Identity = {
  name: string | null;
  personnummer: string | null;
  phone: string | null;
  address: string | null;
};

const IDENTITY_COLUMNS = {
  name: 'name_enc',
  personnummer: 'personnummer_enc',
  phone: 'phone_enc',
  address: 'address_enc',
} as const;

/** The blind index of a personnummer, for lookups; null when it is not a valid number. */
export function personnummerIndex(keys: Keys, personnummer: string): Buffer | null {
  const parsed = parsePersonnummer(personnummer);
  return parsed.ok ? blindIndex(keys.blindIndex, parsed.value.normalised, 'personnummer') : null;
}

/** The case's data key, unwrapped with the master key (bound to the case row). */
export function caseDataKey(keys: Keys, row: { id: string; wrappedKey: Buffer }): Buffer {
  return unwrapDataKey(keys.master, row.wrappedKey, { table: 'cases', column: 'wrapped_key', rowId: row.id });
}

/**
 * Creates a case with a fresh data key and its person's identity encrypted under that key.
 * SECURITY: identity fields exist only as ciphertext bound to (case_persons, column, row id);
 * the personnummer is findable only through its keyed blind index.
 */
export async function insertCaseWithIdentity(
  tx: Tx,
  keys: Keys,
  input: {
    programmeId: string;
    code: string;
    state: string;
    identity: IdentityInput;
    teamUserIds: string[];
    ownerUserId?: string;
    contactAt?: Date;
    acute?: boolean;
  },
): Promise<{ caseId: string; personId: string }> {
  const caseId = randomUUID();
  const personId = randomUUID();
  const dataKey = createDataKey();
  await insertCaseRow(tx, {
    id: caseId,
    programmeId: input.programmeId,
    code: input.code,
    state: input.state,
    wrappedKey: wrapDataKey(keys.master, dataKey, { table: 'cases', column: 'wrapped_key', rowId: caseId }),
    contactAt: input.contactAt ?? new Date(),
    acute: input.acute ?? false,
  });
  const enc = (field: keyof IdentityInput) => {
    const value = input.identity[field];
    return value === undefined
      ? null
      : encryptField(dataKey, value, { table: 'case_persons', column: IDENTITY_COLUMNS[field], rowId: personId });
  };
  await insertCasePerson(tx, {
    id: personId,
    caseId,
    programmeId: input.programmeId,
    nameEnc: enc('name'),
    personnummerEnc: enc('personnummer'),
    personnummerIndex: input.identity.personnummer ? personnummerIndex(keys, input.identity.personnummer) : null,
    phoneEnc: enc('phone'),
    addressEnc: enc('address'),
  });
  // The team is a set: the caller may also be an on-duty coordinator, and appears once.
  const team = [...new Set(input.teamUserIds)];
  if (team.length > 0) {
    await insertTeamMembers(
      tx,
      team.map((userId) => ({
        caseId,
        programmeId: input.programmeId,
        userId,
        isOwner: userId === input.ownerUserId,
      })),
    );
  }
  return { caseId, personId };
}

/** Decrypts a person's identity with the case's data key. */
export function decryptIdentity(
  dataKey: Buffer,
  person: {
    id: string;
    nameEnc: Buffer | null;
    personnummerEnc: Buffer | null;
    phoneEnc: Buffer | null;
    addressEnc: Buffer | null;
  },
): Identity {
  const dec = (value: Buffer | null, column: string) =>
    value === null ? null : decryptField(dataKey, value, { table: 'case_persons', column, rowId: person.id });
  return {
    name: dec(person.nameEnc, IDENTITY_COLUMNS.name),
    personnummer: dec(person.personnummerEnc, IDENTITY_COLUMNS.personnummer),
    phone: dec(person.phoneEnc, IDENTITY_COLUMNS.phone),
    address: dec(person.addressEnc, IDENTITY_COLUMNS.address),
  };
}

export type RelatedPersonInput = { name?: string; phone?: string; relation?: string; protectionNeeds?: string };
const RELATED_COLUMNS = {
  name: 'name_enc',
  phone: 'phone_enc',
  relation: 'relation_enc',
  protectionNeeds: 'protection_needs_enc',
} as const;

/** Records a relative (or other person around the case) under the case's data key, apart from the person. */
export async function insertRelatedPerson(
  tx: Tx,
  dataKey: Buffer,
  input: { caseId: string; programmeId: string; person: RelatedPersonInput },
): Promise<string> {
  const id = randomUUID();
  const enc = (field: keyof RelatedPersonInput) => {
    const value = input.person[field];
    return value === undefined
      ? null
      : encryptField(dataKey, value, { table: 'related_persons', column: RELATED_COLUMNS[field], rowId: id });
  };
  await insertRelatedPersonRow(tx, {
    id,
    caseId: input.caseId,
    programmeId: input.programmeId,
    nameEnc: enc('name'),
    phoneEnc: enc('phone'),
    relationEnc: enc('relation'),
    protectionNeedsEnc: enc('protectionNeeds'),
  });
  return id;
}

/** Encrypts and decrypts free text of one case under its data key, bound to (table, column, row). */
export function caseCrypto(ctx: ServiceContext, row: { id: string; wrappedKey: Buffer }) {
  let key: Buffer | null = null;
  const dataKey = () => (key ??= caseDataKey(ctx.deps.keys, row));
  return {
    encrypt: (table: string, column: string, rowId: string, value: string) =>
      encryptField(dataKey(), value, { table, column, rowId }),
    encryptOptional: (table: string, column: string, rowId: string, value: string | undefined) =>
      value === undefined ? null : encryptField(dataKey(), value, { table, column, rowId }),
    decrypt: (table: string, column: string, rowId: string, value: Buffer) =>
      decryptField(dataKey(), value, { table, column, rowId }),
    decryptOptional: (table: string, column: string, rowId: string, value: Buffer | null) =>
      value === null ? null : decryptField(dataKey(), value, { table, column, rowId }),
  };
}

export type CaseCrypto = ReturnType<typeof caseCrypto>;
