import type pg from 'pg';
import { startPeriodicJob } from '../../periodic-job.ts';
import type { Keys } from '../crypto/keys.ts';
import { ENTRY_COLUMNS, GENESIS_HASH, entryDigest, linkMac, storedEntry, type EntryRow } from './audit-chain.ts';

// Any constant shared by every instance: exactly one sealer appends to the chain at a time.
const SEALER_LOCK_KEY = 0x75747673;
const BATCH = 2000;

export type SealResult = {
  /** False when another sealer held the lock: this pass did nothing. */
  ran: boolean;
  sealed: number;
  /** Entries the sealer refused: their MAC does not match (not written by the application). */
  refused: number[];
};

/**
 * One sealing pass: appends to the keyed chain every entry whose writing transaction has ended,
 * in transaction-id order then number order. SECURITY: an entry is taken only once its xid is
 * below the oldest transaction still running (pg_snapshot_xmin of the statement's snapshot), so
 * an entry that commits late is never passed over: no entry can still appear below that
 * horizon. Every pass records its horizon; the next looks only at and above it.
 */
export async function sealPending(pool: pg.Pool, keys: Pick<Keys, 'auditChain'>): Promise<SealResult> {
  const client = await pool.connect();
  try {
    await client.query('begin');
    const lock = await client.query<{ ok: boolean }>('select pg_try_advisory_xact_lock($1) as ok', [SEALER_LOCK_KEY]);
    if (!lock.rows[0]!.ok) {
      await client.query('rollback');
      return { ran: false, sealed: 0, refused: [] };
    }
    const head = await client.query<{ position: string; mac: string; horizon: string }>(
      'select position, mac, horizon::text as horizon from audit_chain order by position desc limit 1',
    );
    const { rows } = await client.query<EntryRow & { now_horizon: string }>(
      `select ${ENTRY_COLUMNS}, pg_snapshot_xmin(pg_current_snapshot())::text as now_horizon
         from audit_log e
        where e.xid >= $1::xid8 and e.xid < pg_snapshot_xmin(pg_current_snapshot())
          and not exists (select 1 from audit_chain c where c.entry_seq = e.seq)
        order by e.xid, e.seq
        limit $2`,
      [head.rows[0]?.horizon ?? '0', BATCH],
    );
    if (rows.length === 0) {
      await client.query('rollback');
      return { ran: true, sealed: 0, refused: [] };
    }
    // A full batch may stop inside one transaction's entries: then only what lies below that
    // transaction is known to be sealed, and the next pass starts at it.
    const horizon = rows.length === BATCH ? rows.at(-1)!.xid : rows[0]!.now_horizon;
    let position = Number(head.rows[0]?.position ?? 0);
    let prev = head.rows[0]?.mac ?? GENESIS_HASH;
    const refused: number[] = [];
    const values: (string | number)[] = [];
    for (const row of rows) {
      const entry = storedEntry(row);
      const digest = entryDigest(keys.auditChain, entry);
      if ('problem' in digest) {
        refused.push(entry.seq);
        continue;
      }
      position += 1;
      prev = linkMac(keys.auditChain, prev, position, entry.seq, digest.digest);
      values.push(position, entry.seq, horizon, prev);
    }
    const count = values.length / 4;
    if (count > 0) {
      const tuples = Array.from(
        { length: count },
        (_, i) => `($${i * 4 + 1}, $${i * 4 + 2}, $${i * 4 + 3}::xid8, $${i * 4 + 4})`,
      );
      await client.query(
        `insert into audit_chain (position, entry_seq, horizon, mac) values ${tuples.join(', ')}`,
        values,
      );
    }
    await client.query('commit');
    return { ran: true, sealed: count, refused };
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
}

type Log = { error: (obj: object, msg: string) => void; info: (obj: object, msg: string) => void };

/**
 * Runs a sealing pass every `intervalMs` (and keeps going while passes fill a batch). Every app
 * instance runs one; the advisory lock lets exactly one seal at a time.
 */
export function startAuditSealer(
  pool: pg.Pool,
  keys: Pick<Keys, 'auditChain'>,
  log: Log,
  intervalMs = 250,
): { stop: () => Promise<void> } {
  const reported = new Set<number>();
  const job = startPeriodicJob('audit sealing', intervalMs, log, async (stopping) => {
    for (;;) {
      const result = await sealPending(pool, keys);
      const fresh = result.refused.filter((seq) => !reported.has(seq));
      if (fresh.length > 0) {
        fresh.forEach((seq) => reported.add(seq));
        // SECURITY: numbers only; the entries' contents stay out of the log.
        log.error({ entries: fresh }, 'audit entries with an invalid MAC were not sealed: run ./utvag audit verify');
      }
      if (stopping() || result.sealed + result.refused.length < BATCH) break;
    }
  });
  return {
    stop: async () => {
      await job.stop();
      // A last pass, so entries of an orderly stop do not wait for the next start.
      await job.runOnce();
    },
  };
}
