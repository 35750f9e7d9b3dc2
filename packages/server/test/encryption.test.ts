import { randomBytes, randomInt, randomUUID } from 'node:crypto';
import { luhnCheckDigit } from '@utvag/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { programmes } from '../src/db/schema.ts';
import {
  caseDataKey,
  decryptIdentity,
  insertCaseWithIdentity,
  personnummerIndex,
} from '../src/modules/cases/case-crypto.ts';
import { personsByPersonnummerIndex } from '../src/modules/cases/cases.repository.ts';
import { decryptField, encryptField, unwrapDataKey } from '../src/modules/crypto/field-crypto.ts';
import { keysFromMaster } from '../src/modules/crypto/keys.ts';
import { filesUnder, scanDataDirectory } from './support.ts';
import { createTestEnv, createUser, type TestEnv } from './harness.ts';

/** A fresh, valid, random personnummer (12 digits, no dash), so a hit can only come from this test. */
function randomPersonnummer(): string {
  const year = 1950 + randomInt(50);
  const month = String(1 + randomInt(12)).padStart(2, '0');
  const day = String(1 + randomInt(28)).padStart(2, '0');
  const serial = String(randomInt(1000)).padStart(3, '0');
  const nine = `${String(year).slice(2)}${month}${day}${serial}`;
  return `${year}${month}${day}${serial}${luhnCheckDigit(nine)}`;
}

async function superuser(t: TestEnv): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: t.superuserUrl });
  await client.connect();
  return client;
}

describe('what could hurt someone is encrypted at rest', () => {
  let t: TestEnv;
  let programmeId: string;
  const marker = `MARKER-${randomUUID()}`;
  const pnr = randomPersonnummer();
  const identity = {
    name: `${marker} Namn`,
    personnummer: `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
    phone: `+46 70 ${randomInt(1e6, 1e7)}`,
    address: `${marker} Skyddad gata 1, 123 45 Ort`,
  };
  const control = `CONTROL-${randomUUID()}`;
  let hits: Record<string, string[]>;
  let scannedFiles = 0;

  beforeAll(async () => {
    t = await createTestEnv();
    const user = await createUser(t, { roles: ['coordinator'] });
    programmeId = user.programmeId;
    await withTransaction(t.database.db, { programmeId }, (tx) =>
      insertCaseWithIdentity(tx, t.deps.keys, {
        programmeId,
        code: 'ENC-1',
        state: 'intake',
        identity,
        teamUserIds: [user.id],
      }),
    );
    // The control: the same kind of marker, written in clear where clear text is allowed.
    await withTransaction(t.database.db, {}, (tx) => tx.insert(programmes).values({ code: 'CTRL', name: control }));
    const su = await superuser(t);
    const dataDirectory: string = (await su.query('SHOW data_directory')).rows[0].data_directory;
    await su.query('CHECKPOINT');
    await su.end();
    scannedFiles = (await filesUnder(dataDirectory)).length;
    hits = await scanDataDirectory(dataDirectory, {
      marker: Buffer.from(marker),
      control: Buffer.from(control),
      pnr12: Buffer.from(pnr),
      pnr10: Buffer.from(pnr.slice(2)),
      pnrDashed: Buffer.from(`${pnr.slice(2, 8)}-${pnr.slice(8)}`),
      phone: Buffer.from(identity.phone),
    });
  }, 120_000);
  afterAll(async () => t.close());

  it('finds a marker written in clear into a plain column (the scan sees the database files)', () => {
    expect(scannedFiles).toBeGreaterThan(100);
    expect(hits.control!.length).toBeGreaterThan(0);
  });

  it('leaves no name, address, phone or personnummer in clear in any database file (tables, indexes, WAL)', () => {
    expect(hits.marker).toEqual([]);
    expect(hits.pnr12).toEqual([]);
    expect(hits.pnr10).toEqual([]);
    expect(hits.pnrDashed).toEqual([]);
    expect(hits.phone).toEqual([]);
  });

  it('decrypts the identity again with the case’s data key', async () => {
    const su = await superuser(t);
    const { rows } = await su.query(
      `select c.id as case_id, c.wrapped_key, p.* from cases c join case_persons p on p.case_id = c.id where c.code = 'ENC-1'`,
    );
    await su.end();
    const r = rows[0];
    const key = caseDataKey(t.deps.keys, { id: r.case_id, wrappedKey: r.wrapped_key });
    expect(
      decryptIdentity(key, {
        id: r.id,
        nameEnc: r.name_enc,
        personnummerEnc: r.personnummer_enc,
        phoneEnc: r.phone_enc,
        addressEnc: r.address_enc,
      }),
    ).toEqual(identity);
  });
});

describe('a ciphertext is bound to its table, column and row', () => {
  let t: TestEnv;
  let programmeId: string;
  let userId: string;
  const rows = async () => {
    const su = await superuser(t);
    const { rows } = await su.query(
      'select c.id as case_id, c.code, c.wrapped_key, p.id, p.name_enc, p.personnummer_enc, p.phone_enc, p.address_enc from cases c join case_persons p on p.case_id = c.id order by c.code',
    );
    await su.end();
    return rows;
  };
  const open = (r: pg.QueryResultRow, override: Partial<Record<'nameEnc' | 'addressEnc', Buffer>> = {}) =>
    decryptIdentity(caseDataKey(t.deps.keys, { id: r.case_id, wrappedKey: r.wrapped_key }), {
      id: r.id,
      nameEnc: r.name_enc,
      personnummerEnc: r.personnummer_enc,
      phoneEnc: r.phone_enc,
      addressEnc: r.address_enc,
      ...override,
    });

  beforeAll(async () => {
    t = await createTestEnv();
    const user = await createUser(t, { roles: ['coordinator'] });
    programmeId = user.programmeId;
    userId = user.id;
    for (const [code, name] of [
      ['AAD-1', 'Första Personen'],
      ['AAD-2', 'Andra Personen'],
    ] as const) {
      await withTransaction(t.database.db, { programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId,
          code,
          state: 'intake',
          identity: { name, address: `${name}s gata 1`, personnummer: randomPersonnummer() },
          teamUserIds: [userId],
        }),
      );
    }
  });
  afterAll(async () => t.close());

  it('fails to decrypt a name moved into the address column of the same row', async () => {
    const [a] = await rows();
    expect(() => open(a!, { addressEnc: a!.name_enc })).toThrow();
  });

  it('fails to decrypt a name moved into another case’s row', async () => {
    const [a, b] = await rows();
    const su = await superuser(t);
    await su.query('update case_persons set name_enc = $1 where id = $2', [a!.name_enc, b!.id]);
    await su.end();
    const [, moved] = await rows();
    expect(() => open(moved!)).toThrow();
  });

  it('fails to decrypt a value moved to another row even under the same data key', () => {
    const key = randomBytes(32);
    const sealed = encryptField(key, 'Hemlig', { table: 'case_persons', column: 'name_enc', rowId: randomUUID() });
    expect(() =>
      decryptField(key, sealed, { table: 'case_persons', column: 'name_enc', rowId: randomUUID() }),
    ).toThrow();
    expect(() =>
      decryptField(key, sealed, { table: 'other_table', column: 'name_enc', rowId: randomUUID() }),
    ).toThrow();
  });

  it('fails to decrypt a ciphertext with a single flipped bit', async () => {
    const [, b] = await rows();
    const flipped = Buffer.from(b!.address_enc);
    flipped[flipped.length - 1]! ^= 1;
    expect(() => open(b!, { addressEnc: flipped })).toThrow();
  });

  it('refuses a wrapped data key copied to another case', async () => {
    const [a, b] = await rows();
    expect(() =>
      unwrapDataKey(t.deps.keys.master, a!.wrapped_key, { table: 'cases', column: 'wrapped_key', rowId: b!.case_id }),
    ).toThrow();
    const su = await superuser(t);
    await su.query('update cases set wrapped_key = $1 where id = $2', [a!.wrapped_key, b!.case_id]);
    await su.end();
    const [, copied] = await rows();
    expect(() => caseDataKey(t.deps.keys, { id: copied!.case_id, wrappedKey: copied!.wrapped_key })).toThrow();
  });

  it('refuses a data key unwrapped with another master key', async () => {
    const [a] = await rows();
    const other = keysFromMaster(randomBytes(32));
    expect(() => caseDataKey(other, { id: a!.case_id, wrappedKey: a!.wrapped_key })).toThrow();
  });
});

describe('the personnummer blind index', () => {
  let t: TestEnv;
  let programmeId: string;
  let otherProgrammeId: string;
  let caseId: string;
  const pnr = randomPersonnummer();
  const forms = [
    pnr,
    `${pnr.slice(0, 8)}-${pnr.slice(8)}`,
    pnr.slice(2),
    `${pnr.slice(2, 8)}-${pnr.slice(8)}`,
    ` ${pnr} `,
  ];

  beforeAll(async () => {
    t = await createTestEnv();
    const user = await createUser(t, { roles: ['coordinator'] });
    const other = await createUser(t, { roles: ['coordinator'] });
    programmeId = user.programmeId;
    otherProgrammeId = other.programmeId;
    ({ caseId } = await withTransaction(t.database.db, { programmeId }, (tx) =>
      insertCaseWithIdentity(tx, t.deps.keys, {
        programmeId,
        code: 'BLI-1',
        state: 'intake',
        identity: { name: 'Någon', personnummer: forms[3]! },
        teamUserIds: [user.id],
      }),
    ));
  });
  afterAll(async () => t.close());

  it('gives the same digest for every written form of one number (century or not, dash or not)', () => {
    const digests = forms.map((f) => personnummerIndex(t.deps.keys, f)!.toString('hex'));
    expect(new Set(digests).size).toBe(1);
  });

  it('finds the person by any written form, within the acting programme only', async () => {
    for (const form of forms) {
      const found = await withTransaction(t.database.db, { programmeId }, (tx) =>
        personsByPersonnummerIndex(tx, programmeId, personnummerIndex(t.deps.keys, form)!),
      );
      expect(found.map((p) => p.caseId)).toEqual([caseId]);
    }
    const elsewhere = await withTransaction(t.database.db, { programmeId: otherProgrammeId }, (tx) =>
      personsByPersonnummerIndex(tx, programmeId, personnummerIndex(t.deps.keys, pnr)!),
    );
    expect(elsewhere).toEqual([]);
  });

  it('differs between key sets, so a stolen database alone cannot test guesses', () => {
    const other = keysFromMaster(randomBytes(32));
    expect(personnummerIndex(other, pnr)!.equals(personnummerIndex(t.deps.keys, pnr)!)).toBe(false);
  });

  it('gives no index for an invalid number', () => {
    const wrongCheck = pnr.slice(0, 11) + String((Number(pnr[11]) + 1) % 10);
    expect(personnummerIndex(t.deps.keys, wrongCheck)).toBeNull();
  });
});
