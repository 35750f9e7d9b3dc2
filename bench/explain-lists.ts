// The query plans of the paged lists (decision 014), on generated data, as the app role sees the
// tables (row-level security on). Run: node bench/explain-lists.ts  → bench/plans/PLANS.md
//
// It starts an embedded PostgreSQL (or uses BENCH_DATABASE_URL, an owner login on a database
// already filled, e.g. by the benchmark's data generator), fills it when empty with rows shaped
// like a national installation (PLAN_CASES cases, default 100,000, in five programmes; 1,000
// coordinators with a caseload of 200; PLAN_CALLS calls; PLAN_AUDIT audit entries), then runs the
// repositories' own list queries and EXPLAINs exactly the SQL and parameters they sent.
// SECURITY/scope: the rows are for plans only — keys and ciphertext are random bytes, no
// person's data exists; the benchmark suite generates data through the real cipher and chain.
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { drizzle } from 'drizzle-orm/node-postgres';
import pg from 'pg';
import { prepareAppLogin } from '../packages/server/src/db/app-login.ts';
import { applyMigrations, withTransaction, type Tx } from '../packages/server/src/db/database.ts';
import { startEmbeddedPostgres } from '../packages/server/src/db/embedded.ts';
import * as schema from '../packages/server/src/db/schema.ts';
import { searchAuditEntries } from '../packages/server/src/modules/audit/audit.repository.ts';
import { findCalls } from '../packages/server/src/modules/calls/calls.repository.ts';
import {
  accessFactsOfCases,
  casesOnTeam,
  openCasesOnTeamForClocks,
} from '../packages/server/src/modules/cases/cases.repository.ts';
import { firstMeetingsOfCases } from '../packages/server/src/modules/meetings/meetings.repository.ts';

const CASES = Number(process.env.PLAN_CASES ?? 100_000);
const CALLS = Number(process.env.PLAN_CALLS ?? 200_000);
const AUDIT = Number(process.env.PLAN_AUDIT ?? 2_000_000);
const COORDINATORS = Math.max(1, Math.round((CASES * 2) / 200));
const PAGE = 51; // a page of 50 and the one row that says another follows

const plansDir = path.join(path.dirname(fileURLToPath(import.meta.url)), 'plans');

/** Fills an empty database; every programme gets a fifth of everything. */
async function generate(owner: pg.Client) {
  const { rows } = await owner.query('select count(*)::int as n from cases');
  if (rows[0].n > 0) return;
  const step = async (label: string, text: string) => {
    const t0 = Date.now();
    await owner.query(text);
    console.log(`  ${label} (${((Date.now() - t0) / 1000).toFixed(1)} s)`);
  };
  console.log(`generating ${CASES} cases, ${CALLS} calls, ${AUDIT} audit entries …`);
  await step(
    'programmes, organisation',
    `insert into programmes (code, name) select 'P' || g, 'Programme ' || g from generate_series(1, 5) g;
     insert into organisations (name, kind) values ('Plan org', 'police');`,
  );
  await step(
    'coordinators',
    `insert into users (username, display_name, organisation_id, status)
       select 'coord' || g, 'Coordinator ' || g, (select id from organisations limit 1), 'active'
       from generate_series(1, ${COORDINATORS}) g;
     insert into memberships (user_id, programme_id, role)
       select u.id, p.id, 'coordinator'
       from (select id, row_number() over (order by username) as n from users) u
       join (select id, row_number() over (order by code) as n from programmes) p on p.n = 1 + (u.n % 5);`,
  );
  // Each case in one programme, on the team of two of that programme's coordinators: a caseload
  // of about 200 each.
  await step(
    'cases and teams',
    `create temp table plan_coord as
       select m.user_id, m.programme_id, row_number() over (partition by m.programme_id order by m.user_id) - 1 as k,
              count(*) over (partition by m.programme_id) as n
       from memberships m;
     insert into cases (programme_id, code, state, wrapped_key, contact_at, first_meeting_held_at, assessment_done_at, created_at)
       select p.id, p.code || '-2026-' || g, (array['inquiry','assessment','active','closed'])[1 + g % 4],
              gen_random_bytes(60), now() - make_interval(hours => g % 5000),
              case when g % 3 = 0 then now() - make_interval(hours => g % 4000) end,
              case when g % 6 = 0 then now() - make_interval(hours => g % 3000) end,
              now() - make_interval(secs => ${CASES} - g)
       from generate_series(1, ${CASES}) g
       join (select id, code, row_number() over (order by code) as n from programmes) p on p.n = 1 + (g % 5);
     insert into case_team_members (case_id, programme_id, user_id, is_owner)
       select c.id, c.programme_id, pc.user_id, pc.k = (c.r % pc.n)
       from (select id, programme_id, row_number() over (partition by programme_id order by id) as r from cases) c
       join plan_coord pc on pc.programme_id = c.programme_id
        and (pc.k = c.r % pc.n or pc.k = (c.r + 1) % pc.n);`,
  );
  await step(
    'calls',
    `insert into calls (programme_id, received_at, channel, caller_type, handler_user_id, decision, wrapped_key, acute)
       select pc.programme_id, now() - make_interval(mins => g), 'hotline',
              (array['self','relative','professional','anonymous'])[1 + g % 4], pc.user_id,
              (array['take_further','refer_elsewhere','advice_only','call_back','no_action'])[1 + g % 5],
              gen_random_bytes(60), g % 50 = 0
       from generate_series(1, ${CALLS}) g
       join plan_coord pc on pc.k = g % pc.n and pc.programme_id = (array(select id from programmes order by code))[1 + g % 5];`,
  );
  await step(
    'audit entries',
    `insert into audit_log (at, actor_user_id, programme_id, action, outcome, record_type, record_id)
       select now() - make_interval(secs => ${AUDIT} - g), pc.user_id, pc.programme_id,
              (array['case:read','case:list','call:list','identity:read'])[1 + g % 4], 'ok', 'case', md5(g::text)
       from generate_series(1, ${AUDIT}) g
       join plan_coord pc on pc.k = (g / 5) % pc.n and pc.programme_id = (array(select id from programmes order by code))[1 + g % 5];`,
  );
  await step('analyze', 'analyze');
}

type Captured = { label: string; text: string; params: unknown[] };

async function main() {
  const given = process.env.BENCH_DATABASE_URL;
  const dir = given ? null : await mkdtemp(path.join(os.tmpdir(), 'utvag-plans-'));
  const server = dir ? await startEmbeddedPostgres(dir) : null;
  const ownerUrl = given ?? server!.url;
  try {
    await applyMigrations(ownerUrl);
    const owner = new pg.Client({ connectionString: ownerUrl });
    owner.on('error', () => {});
    await owner.connect();
    await owner.query('create extension if not exists pgcrypto');
    await generate(owner);

    // The app role, with a logger that keeps each statement the repositories send.
    const appPool = new pg.Pool({
      connectionString: await prepareAppLogin(ownerUrl, 'plans-only-password'),
      max: 2,
      options: '-c role=utvag_app',
    });
    // The embedded server stops under idle connections at the end: that is not an error here.
    appPool.on('error', () => {});
    const captured: Captured[] = [];
    let label = '';
    const db = drizzle(appPool, {
      schema,
      logger: { logQuery: (text, params) => void (label && captured.push({ label, text, params })) },
    });

    // A coordinator of the first programme with a typical caseload, and positions deep in each list.
    const { rows: who } = await owner.query(
      `select m.user_id, m.programme_id from memberships m join programmes p on p.id = m.programme_id
        where p.code = 'P1' order by m.user_id limit 1`,
    );
    const userId: string = who[0].user_id;
    const programmeId: string = who[0].programme_id;
    const deep = async (text: string, params: unknown[]) => (await owner.query(text, params)).rows[0];
    const midCase = await deep(
      `select c.created_at::text as k, c.id from cases c join case_team_members m on m.case_id = c.id
        where m.user_id = $1 order by c.created_at, c.id offset 100 limit 1`,
      [userId],
    );
    const midCall = await deep(
      `select received_at::text as k, id from calls where programme_id = $1 order by received_at desc, id desc offset $2 limit 1`,
      [programmeId, Math.floor(CALLS / 10)],
    );
    const midAudit = await deep(
      `select seq from audit_log where programme_id = $1 order by seq desc offset $2 limit 1`,
      [programmeId, Math.floor(AUDIT / 10)],
    );

    const run = async (name: string, fn: (tx: Tx) => Promise<unknown>) => {
      label = name;
      await withTransaction(db, { userId, programmeId }, fn);
      label = '';
    };
    await run('GET /cases, first page', (tx) => casesOnTeam(tx, programmeId, userId, { after: null, limit: PAGE }));
    await run('GET /cases, a later page', (tx) =>
      casesOnTeam(tx, programmeId, userId, { after: [midCase.k, midCase.id], limit: PAGE }),
    );
    let page: string[] = [];
    await run('GET /home/overdue, first page', async (tx) => {
      page = (await openCasesOnTeamForClocks(tx, programmeId, userId, { after: null, limit: PAGE })).map((r) => r.id);
    });
    await run('access of a page: team, consents, legal bases, sealed readers (readableCases)', (tx) =>
      accessFactsOfCases(tx, programmeId, page),
    );
    await run('overdue: first meetings of a page', (tx) => firstMeetingsOfCases(tx, programmeId, page));
    await run('GET /calls, first page', (tx) => findCalls(tx, programmeId, {}, { after: null, limit: PAGE }));
    await run(`GET /calls, ${Math.floor(CALLS / 10)} calls deep`, (tx) =>
      findCalls(tx, programmeId, {}, { after: [midCall.k, midCall.id], limit: PAGE }),
    );
    await run('GET /calls?handlerId=…', (tx) =>
      findCalls(tx, programmeId, { handlerId: userId }, { after: null, limit: PAGE }),
    );
    await run('GET /calls?callerType=anonymous&decision=take_further', (tx) =>
      findCalls(tx, programmeId, { callerType: 'anonymous', decision: 'take_further' }, { after: null, limit: PAGE }),
    );
    await run('GET /audit/entries, first page', (tx) =>
      searchAuditEntries(tx, programmeId, {}, { after: null, limit: 101 }),
    );
    await run(`GET /audit/entries, ${Math.floor(AUDIT / 10)} entries deep`, (tx) =>
      searchAuditEntries(tx, programmeId, {}, { after: [midAudit.seq], limit: 101 }),
    );
    await run('GET /audit/entries?userId=…', (tx) =>
      searchAuditEntries(tx, programmeId, { userId }, { after: null, limit: 101 }),
    );

    const app = await appPool.connect();
    const counts = (
      await owner.query(
        `select (select count(*) from cases) as cases, (select count(*) from calls) as calls,
                (select count(*) from audit_log) as audit, (select count(*) from case_team_members where user_id = $1) as caseload`,
        [userId],
      )
    ).rows[0];
    const out: string[] = [
      '# Query plans of the paged lists',
      '',
      `Generated by \`node bench/explain-lists.ts\` on ${new Date().toISOString().slice(0, 10)} ` +
        `(${os.cpus().length} cores, PostgreSQL ${(await owner.query('show server_version')).rows[0].server_version}). ` +
        `Data: ${counts.cases} cases, ${counts.calls} calls, ${counts.audit} audit entries in 5 programmes; ` +
        `the coordinator's caseload is ${counts.caseload}. Each plan is EXPLAIN (ANALYZE, BUFFERS) of exactly the SQL ` +
        'and parameters the repository sent, as `utvag_app` under row-level security. Timings are one run on a ' +
        'shared machine: read the plan shapes, not the milliseconds (speed is measured by the benchmark suite).',
      '',
    ];
    try {
      for (const q of captured.filter((c) => /^select /i.test(c.text) && !/^select set_config/.test(c.text))) {
        await app.query('begin');
        await app.query(`select set_config('utvag.user_id', $1, true), set_config('utvag.programme_id', $2, true)`, [
          userId,
          programmeId,
        ]);
        const plan = await app
          .query(`explain (analyze, buffers, costs off) ${q.text}`, q.params)
          .catch((error: unknown) => {
            throw new Error(`EXPLAIN of ${q.label} failed: ${String(error)}\n${q.text}`);
          });
        await app.query('rollback');
        out.push(
          `## ${q.label}`,
          '',
          '```sql',
          q.text,
          '```',
          '',
          '```',
          ...plan.rows.map((r) => r['QUERY PLAN']),
          '```',
          '',
        );
      }
    } finally {
      app.release();
    }
    await mkdir(plansDir, { recursive: true });
    await writeFile(path.join(plansDir, 'PLANS.md'), out.join('\n'));
    console.log(`wrote ${path.join(plansDir, 'PLANS.md')} (${captured.length} statements)`);
    await owner.end();
    await appPool.end();
  } finally {
    await server?.stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  }
}

await main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
