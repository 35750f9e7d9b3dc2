import { loadConfig } from '../config.ts';
import { verifyAuditChain } from '../modules/audit/audit-verify.ts';
import { openRuntime } from '../runtime.ts';

const HELP = `Usage: ./utvag audit verify

Recomputes the audit log's SHA-256 hash chain and checks it against the signed checkpoints
kept outside the database. Exit 0 when the log is whole; exit 1 naming the first broken entry.`;

export async function auditCommand(args: string[]): Promise<number> {
  if (args[0] !== 'verify' || args.includes('--help') || args.includes('-h')) {
    console.log(HELP);
    return args.includes('--help') || args.includes('-h') ? 0 : 2;
  }
  const config = loadConfig();
  const runtime = await openRuntime(config);
  try {
    const result = await verifyAuditChain(runtime.deps.database.pool, config.auditCheckpointFile, runtime.deps.keys.auditCheckpoint);
    if (result.ok) {
      console.log(`The audit log is whole: ${result.count} entries, ${result.checkpoints} checkpoints, head ${result.headHash}.`);
      return 0;
    }
    console.error(`The audit log is BROKEN at entry ${result.broken!.seq}: ${result.broken!.reason}.`);
    return 1;
  } finally {
    await runtime.stop();
  }
}
