// Audited-transaction benchmark (issue 9, decision 008): what the audit log costs one request at
// 32 concurrent requests, with decision 004's global lock and without it (008, the sealer running
// beside). Each transaction does what an audited case read does at minimum: one select and one
// audit entry. Not a full HTTP case read: issue 9's suite measures that.
// Run: node bench/audit-append.ts  (appends a section to bench/RESULTS.md)
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { sql } from 'drizzle-orm';
import { prepareAppLogin } from '../packages/server/src/db/app-login.ts';
import { applyMigrations, openDatabase, withTransaction, type Database } from '../packages/server/src/db/database.ts';
import { startEmbeddedPostgres } from '../packages/server/src/db/embedded.ts';
import { startAuditSealer } from '../packages/server/src/modules/audit/audit-sealer.ts';
import { appendAudit } from '../packages/server/src/modules/audit/audit.service.ts';
import { verifyAuditLog } from '../packages/server/src/modules/audit/audit-verify.ts';
import { keysFromMaster } from '../packages/server/src/modules/crypto/keys.ts';

const CONCURRENCY = 32;
const SECONDS = 10;
const keys = keysFromMaster(Buffer.alloc(32, 1));

/** Closed loop: CONCURRENCY workers each run `one` back to back for SECONDS. */
async function closedLoop(one: () => Promise<void>) {
  const latencies: number[] = [];
  const end = performance.now() + SECONDS * 1000;
  await Promise.all(
    Array.from({ length: CONCURRENCY }, async () => {
      while (performance.now() < end) {
        const t = performance.now();
        await one();
        latencies.push(performance.now() - t);
      }
    }),
  );
  latencies.sort((a, b) => a - b);
  return {
    perSecond: latencies.length / SECONDS,
    p50: latencies[Math.floor(latencies.length * 0.5)]!,
    p95: latencies[Math.floor(latencies.length * 0.95)]!,
  };
}

const event = {
  actorUserId: null,
  programmeId: null,
  action: 'case:read' as const,
  recordType: 'case',
  recordId: 'bench',
};

const audited = (database: Database, lock: boolean) => () =>
  withTransaction(database.db, {}, async (tx) => {
    // Decision 004 took this lock in every audited transaction and held it to the commit.
    if (lock) await tx.execute(sql`select pg_advisory_xact_lock(${0x75747667})`);
    await tx.execute(sql`select count(*) from programmes`);
    await appendAudit(tx, keys, event);
  });

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'utvag-bench-'));
  const server = await startEmbeddedPostgres(dir);
  try {
    await applyMigrations(server.url);
    const database = openDatabase(await prepareAppLogin(server.url, 'bench-only-password'), CONCURRENCY);
    const before = await closedLoop(audited(database, true));
    const sealer = startAuditSealer(database.pool, keys, { error: (o, m) => console.error(m, o), info: () => {} });
    const after = await closedLoop(audited(database, false));
    await sealer.stop();
    const verify = await verifyAuditLog(database.pool, keys, { file: path.join(dir, 'none.jsonl') });
    if (!verify.ok || verify.pending !== 0) throw new Error(`log not whole: ${JSON.stringify(verify)}`);
    await database.close();
    const row = (what: string, r: typeof before) =>
      `| ${what} | ${r.perSecond.toFixed(0)} tx/s | ${r.p50.toFixed(1)} ms | ${r.p95.toFixed(1)} ms |`;
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const section = [
      `## ${new Date().toISOString().slice(0, 10)} — audited transactions at concurrency ${CONCURRENCY} (\`node bench/audit-append.ts\`)`,
      '',
      `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, embedded PostgreSQL 18; other work may share the machine.`,
      '',
      `Each transaction: one select and one audit entry, ${SECONDS} s closed loop per row, pool of ${CONCURRENCY}. Afterwards all ${verify.sealed} entries were sealed and verified.`,
      '',
      '| what | throughput | p50 | p95 |',
      '|---|---|---|---|',
      row('before: global advisory lock held to commit (decision 004)', before),
      row('after: no lock, sealer running (decision 008)', after),
      '',
    ].join('\n');
    const file = path.join(path.dirname(fileURLToPath(import.meta.url)), 'RESULTS.md');
    const previous = await readFile(file, 'utf8');
    const [head, ...rest] = previous.split('\n## ');
    await writeFile(file, [head!.trimEnd() + '\n', section, ...rest.map((r) => '## ' + r)].join('\n'));
    console.log(section);
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
