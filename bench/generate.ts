// Benchmark data generator (issue 9). Everything goes through the product's own code: cases are
// opened with `openCase` (a fresh data key per case, the identity encrypted with the real cipher
// and AAD), users get a real argon2id hash and a sealed TOTP secret, audit entries carry the real
// per-entry MAC and are then linked into the keyed chain by the real sealer. Sizes are parameters:
// the national scale is persons=100,000 (×10 case events, ×100 audit entries).
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { withTransaction, type Database } from '../packages/server/src/db/database.ts';
import { caseEvents, memberships, organisations, programmes, users } from '../packages/server/src/db/schema.ts';
import { entryMac, type ChainedFields } from '../packages/server/src/modules/audit/audit-chain.ts';
import { sealPending } from '../packages/server/src/modules/audit/audit-sealer.ts';
import { hashPassword } from '../packages/server/src/modules/auth/passwords.ts';
import { newTotpSecret, sealTotpSecret } from '../packages/server/src/modules/auth/second-factor.ts';
import { openCase } from '../packages/server/src/modules/cases/case-opening.ts';
import type { Keys } from '../packages/server/src/service-context.ts';

export type Size = {
  /** Persons, each with a case of their own. */
  persons: number;
  /** Case events per person (the issue: 10, so 1,000,000 for 100,000 persons). */
  eventsPerPerson: number;
  /** Audit entries per person (the issue: 100, so 10,000,000). */
  auditPerPerson: number;
  /** Coordinators who sign in, each with `caseload` cases on their team. */
  coordinators: number;
  caseload: number;
  /** Hotline officers who sign in to save calls. */
  officers: number;
};

export type BenchUser = { id: string; username: string; password: string; totpSecret: string };

export type Generated = {
  programmeId: string;
  coordinators: (BenchUser & { caseIds: string[] })[];
  officers: BenchUser[];
  /** Some case ids (for the bare baseline's select). */
  sampleCaseIds: string[];
  seconds: { users: number; cases: number; events: number; audit: number; sealing: number };
  counts: { persons: number; caseEvents: number; auditEntries: number };
};

const PASSWORD = 'bench: a long passphrase nobody uses';
const GIVEN = ['Ali', 'Sara', 'Johan', 'Leila', 'Mikael', 'Amina', 'Erik', 'Noor', 'Oskar', 'Hanna'];
const FAMILY = ['Andersson', 'Hassan', 'Lind', 'Berg', 'Nilsson', 'Yilmaz', 'Ek', 'Holm', 'Karlsson', 'Ali'];

/** A synthetic personnummer-shaped string (1990s birth date, random serial); no real person. */
function fakePersonnummer(i: number): string {
  const month = String((i % 12) + 1).padStart(2, '0');
  const day = String((i % 28) + 1).padStart(2, '0');
  return `19${90 + (i % 10)}${month}${day}-${String(1000 + (i % 9000)).slice(-4)}`;
}

async function progress<T>(what: string, fn: () => Promise<T>): Promise<[T, number]> {
  const t = performance.now();
  const result = await fn();
  const seconds = (performance.now() - t) / 1000;
  console.log(`bench: ${what} in ${seconds.toFixed(1)} s`);
  return [result, seconds];
}

export async function generate(database: Database, keys: Keys, size: Size): Promise<Generated> {
  const passwordHash = await hashPassword(PASSWORD);
  const [setup, usersSeconds] = await progress('users', () =>
    withTransaction(database.db, {}, async (tx) => {
      const [programme] = await tx
        .insert(programmes)
        .values({ code: 'BENCH', name: 'Benchmark programme' })
        .returning();
      const [organisation] = await tx
        .insert(organisations)
        .values({ name: 'Polisregion Bench', kind: 'police' })
        .returning();
      const make = async (username: string, role: 'coordinator' | 'hotline_officer'): Promise<BenchUser> => {
        const [user] = await tx
          .insert(users)
          .values({ username, displayName: username, organisationId: organisation!.id, status: 'active', passwordHash })
          .returning();
        const { secret } = newTotpSecret(username);
        await tx
          .update(users)
          .set({ totpSecretEnc: sealTotpSecret(keys.master, user!.id, secret) })
          .where(sql`${users.id} = ${user!.id}`);
        await tx.insert(memberships).values({
          userId: user!.id,
          programmeId: programme!.id,
          role,
          createdAt: new Date(Date.now() - 30 * 24 * 3600 * 1000),
        });
        return { id: user!.id, username, password: PASSWORD, totpSecret: secret };
      };
      const coordinators = [];
      for (let i = 0; i < size.coordinators; i++) coordinators.push(await make(`bench.coord${i}`, 'coordinator'));
      // The rest of the caseload of the country: owned by coordinators who are not signed in.
      const others = [];
      for (let i = 0; i < 20; i++) others.push(await make(`bench.other${i}`, 'coordinator'));
      const officers = [];
      for (let i = 0; i < size.officers; i++) officers.push(await make(`bench.jour${i}`, 'hotline_officer'));
      return { programmeId: programme!.id, coordinators, others, officers };
    }),
  );

  // Cases: the signed-in coordinators' caseloads first, then everybody else's.
  const caseIds = new Map<string, string[]>(setup.coordinators.map((c) => [c.id, []]));
  const sample: string[] = [];
  const BATCH = 200;
  const [, casesSeconds] = await progress(`${size.persons} persons (cases, encrypted identity)`, async () => {
    for (let start = 0; start < size.persons; start += BATCH) {
      await withTransaction(database.db, { programmeId: setup.programmeId }, async (tx) => {
        for (let i = start; i < Math.min(size.persons, start + BATCH); i++) {
          const mine = i < size.coordinators * size.caseload ? setup.coordinators[i % size.coordinators]! : null;
          const owner = mine ?? setup.others[i % setup.others.length]!;
          const { caseId } = await openCase(tx, keys, {
            programmeId: setup.programmeId,
            actorUserId: owner.id,
            contactAt: new Date(Date.now() - (i % 400) * 24 * 3600 * 1000),
            acute: i % 17 === 0,
            identity: {
              name: `${GIVEN[i % 10]} ${FAMILY[Math.floor(i / 10) % 10]}`,
              personnummer: fakePersonnummer(i),
              phone: `070-${String(1000000 + i).slice(-7)}`,
            },
            teamUserIds: [owner.id],
            ownerUserId: owner.id,
          });
          if (mine) caseIds.get(mine.id)!.push(caseId);
          if (sample.length < 1000 && i % 7 === 0) sample.push(caseId);
        }
      });
    }
  });

  // Further case events (openCase wrote one per case): lifecycle notes spread over all cases.
  const extraEvents = Math.max(0, size.persons * (size.eventsPerPerson - 1));
  const [, eventsSeconds] = await progress(`${extraEvents + size.persons} case events`, async () => {
    const EVENT_BATCH = 5000;
    for (let done = 0; done < extraEvents; done += EVENT_BATCH) {
      const n = Math.min(EVENT_BATCH, extraEvents - done);
      await withTransaction(database.db, { programmeId: setup.programmeId }, (tx) =>
        tx.execute(sql`insert into ${caseEvents} (case_id, programme_id, event, from_state, to_state, by_user_id, at)
          select c.id, c.programme_id, 'note', c.state, c.state, null, now() - (g % 400) * interval '1 day'
          from generate_series(1, ${n}) g
          join (select id, programme_id, state, row_number() over (order by id) - 1 as rn from cases) c
            on c.rn = (g::bigint * 7919 + ${done}) % ${size.persons}`),
      );
    }
  });

  // Audit entries, each with its real MAC, inserted in batches; then sealed by the real sealer.
  const auditTotal = size.persons * size.auditPerPerson;
  const actions = ['case:read', 'case:list', 'identity:read', 'call:create', 'auth:login'];
  const actors = [...setup.coordinators, ...setup.others, ...setup.officers];
  const [, auditSeconds] = await progress(`${auditTotal} audit entries (MAC each)`, async () => {
    const AUDIT_BATCH = 5000;
    for (let done = 0; done < auditTotal; done += AUDIT_BATCH) {
      const n = Math.min(AUDIT_BATCH, auditTotal - done);
      // node-postgres directly: one array parameter per column (drizzle would expand each array).
      const client = await database.pool.connect();
      try {
        await client.query('begin');
        const seqs = await client.query<{ seq: string }>(
          "select nextval(pg_get_serial_sequence('audit_log', 'seq')) as seq from generate_series(1, $1)",
          [n],
        );
        const at = new Date(Math.floor(Date.now()));
        const rows = seqs.rows.map((r, k) => {
          const fields: ChainedFields = {
            seq: Number(r.seq),
            at,
            actorUserId: actors[(done + k) % actors.length]!.id,
            programmeId: setup.programmeId,
            action: actions[(done + k) % actions.length]!,
            outcome: 'success',
            recordType: 'case',
            recordId: sample[(done + k) % sample.length] ?? null,
            purpose: null,
            recipient: null,
            details: null,
          };
          return { ...fields, mac: entryMac(keys.auditChain, fields) };
        });
        await client.query(
          `insert into audit_log (seq, at, actor_user_id, programme_id, action, outcome, record_type, record_id, mac)
           select * from unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::uuid[], $5::text[], $6::text[],
                                $7::text[], $8::text[], $9::text[])`,
          [
            rows.map((r) => r.seq),
            rows.map((r) => r.at.toISOString()),
            rows.map((r) => r.actorUserId),
            rows.map((r) => r.programmeId),
            rows.map((r) => r.action),
            rows.map((r) => r.outcome),
            rows.map((r) => r.recordType),
            rows.map((r) => r.recordId),
            rows.map((r) => r.mac),
          ],
        );
        await client.query('commit');
      } catch (error) {
        await client.query('rollback').catch(() => {});
        throw error;
      } finally {
        client.release();
      }
    }
  });
  const [, sealingSeconds] = await progress('sealing into the keyed chain', async () => {
    while ((await sealPending(database.pool, keys)).sealed > 0);
  });

  return {
    programmeId: setup.programmeId,
    coordinators: setup.coordinators.map((c) => ({ ...c, caseIds: caseIds.get(c.id)! })),
    officers: setup.officers,
    sampleCaseIds: sample,
    seconds: {
      users: usersSeconds,
      cases: casesSeconds,
      events: eventsSeconds,
      audit: auditSeconds,
      sealing: sealingSeconds,
    },
    counts: { persons: size.persons, caseEvents: extraEvents + size.persons, auditEntries: auditTotal },
  };
}
