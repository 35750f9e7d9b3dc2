import pg from 'pg';
import type { Keys } from '../crypto/keys.ts';
import {
  ENTRY_COLUMNS,
  GENESIS_HASH,
  entryDigest,
  linkMac,
  sameMac,
  storedEntry,
  type EntryRow,
} from './audit-chain.ts';
import {
  checkpointSigned,
  readCheckpoints,
  signCheckpoint,
  storeCheckpoint,
  type Checkpoint,
  type CheckpointDestinations,
  type CheckpointLine,
} from './audit-checkpoint-file.ts';

type Client = pg.Pool | pg.ClientBase;
type AuditKeys = Pick<Keys, 'auditChain' | 'auditCheckpoint'>;

/** Where the chain ends: its last link. */
export type ChainHead = { position: number; entrySeq: number; mac: string; horizon: string };

/** The first thing found wrong: the entry (by number) and/or the chain position it concerns. */
export type Broken = { seq: number | null; position: number | null; reason: string };

export type VerifyResult = {
  ok: boolean;
  /** Entries in the keyed chain, all verified. */
  sealed: number;
  /** Entries written but not yet sealed, each checked for plausibility (valid MAC, recent, above the horizon). */
  pending: number;
  head: ChainHead | null;
  checkpoints: number;
  broken?: Broken;
};

/**
 * An entry may wait this long for the sealer (which runs every quarter second) before its
 * waiting is itself an alarm: the sealer is down or something holds the horizon back.
 */
export const PENDING_BOUND_MS = 2 * 60 * 1000;

const PAGE = 5000;

/**
 * Runs `fn` in one read-only REPEATABLE READ transaction, so every query sees the same moment
 * while writers and the sealer go on: otherwise links sealed between two queries would look like
 * links outside the chain. Read-only, it takes no xid and never holds the sealer's horizon back.
 */
async function inOneSnapshot<T>(client: Client, fn: (c: pg.ClientBase) => Promise<T>): Promise<T> {
  const pooled = client instanceof pg.Pool ? await client.connect() : null;
  const c = pooled ?? (client as pg.ClientBase);
  try {
    await c.query('begin isolation level repeatable read read only');
    try {
      return await fn(c);
    } finally {
      await c.query('rollback').catch(() => {});
    }
  } finally {
    pooled?.release();
  }
}

type LinkRow = EntryRow & { position: string; entry_seq: string; link_mac: string; horizon: string; missing: boolean };

type Walk = {
  head: ChainHead | null;
  links: number;
  macsAt: Map<number, { mac: string; entrySeq: number }>;
  broken?: Broken;
};

/**
 * Walks the chain from `from` (exclusive) to its end, recomputing every entry's MAC and every
 * link. An entry of decision 004 must also link to the 004 entry sealed before it.
 */
async function walkChain(client: Client, key: Buffer, from: ChainHead | null, wanted: Set<number>): Promise<Walk> {
  let expected = (from?.position ?? 0) + 1;
  let prev = from?.mac ?? GENESIS_HASH;
  let legacyPrev: string | undefined = from ? undefined : GENESIS_HASH;
  let head = from;
  let links = 0;
  const macsAt = new Map<number, { mac: string; entrySeq: number }>();
  for (;;) {
    const { rows } = await client.query<LinkRow>(
      `select c.position, c.entry_seq, c.mac as link_mac, c.horizon::text as horizon, e.seq is null as missing, ${ENTRY_COLUMNS}
         from audit_chain c left join audit_log e on e.seq = c.entry_seq
        where c.position >= $1 order by c.position limit $2`,
      [expected, PAGE],
    );
    for (const row of rows) {
      const position = Number(row.position);
      const entrySeq = Number(row.entry_seq);
      const at = { seq: entrySeq, position };
      if (position < expected) {
        return { head, links, macsAt, broken: { ...at, reason: `chain position ${position} appears twice` } };
      }
      if (position > expected) {
        const gap = head
          ? `the chain jumps from position ${head.position} (entry ${head.entrySeq}) to ${position} (entry ${entrySeq})`
          : `the chain starts at position ${position}`;
        return {
          head,
          links,
          macsAt,
          broken: { seq: entrySeq, position: expected, reason: `chain position ${expected} is missing: ${gap}` },
        };
      }
      if (row.missing) {
        return {
          head,
          links,
          macsAt,
          broken: { ...at, reason: `entry ${entrySeq}, sealed at position ${position}, is missing from the log` },
        };
      }
      const entry = storedEntry(row);
      const digest = entryDigest(key, entry);
      if ('problem' in digest) return { head, links, macsAt, broken: { ...at, reason: digest.problem } };
      if (entry.mac === null) {
        if (legacyPrev !== undefined && entry.prevHash !== legacyPrev) {
          return {
            head,
            links,
            macsAt,
            broken: { ...at, reason: `entry ${entrySeq} does not link to the entry before it (chain of decision 004)` },
          };
        }
        legacyPrev = entry.hash!;
      }
      const link = linkMac(key, prev, position, entrySeq, digest.digest);
      if (!sameMac(row.link_mac, link)) {
        return {
          head,
          links,
          macsAt,
          broken: {
            ...at,
            reason: `the seal of entry ${entrySeq} at position ${position} is not the chain's: the chain was rewritten or the seal forged`,
          },
        };
      }
      prev = link;
      head = { position, entrySeq, mac: link, horizon: row.horizon };
      if (wanted.has(position)) macsAt.set(position, { mac: link, entrySeq });
      links += 1;
      expected += 1;
    }
    if (rows.length < PAGE) return { head, links, macsAt };
  }
}

/** The whole chain table against the walk: nothing outside positions 1…head, each entry sealed once. */
async function checkChainTable(client: Client, head: ChainHead | null): Promise<Broken | undefined> {
  const { rows } = await client.query<{
    n: string;
    outside: string | null;
    outside_seq: string | null;
    twice: string | null;
  }>(
    `select (select count(*) from audit_chain) as n,
            (select position from audit_chain where position < 1 or position > $1 order by position limit 1) as outside,
            (select entry_seq from audit_chain where position < 1 or position > $1 order by position limit 1) as outside_seq,
            (select entry_seq from audit_chain group by entry_seq having count(*) > 1 limit 1) as twice`,
    [head?.position ?? 0],
  );
  const r = rows[0]!;
  if (r.outside !== null) {
    return {
      seq: Number(r.outside_seq),
      position: Number(r.outside),
      reason: `a seal of entry ${r.outside_seq} at position ${r.outside} lies outside the chain (1–${head?.position ?? 0})`,
    };
  }
  if (r.twice !== null) {
    return { seq: Number(r.twice), position: null, reason: `entry ${r.twice} is sealed more than once` };
  }
  if (Number(r.n) !== (head?.position ?? 0)) {
    return {
      seq: null,
      position: null,
      reason: `the chain table holds ${r.n} seals but the chain links ${head?.position ?? 0}`,
    };
  }
  return undefined;
}

/** No entry number twice (possible only once someone dropped the primary key). A full scan: verification only. */
async function checkUniqueEntries(client: Client): Promise<Broken | undefined> {
  const { rows } = await client.query<{ seq: string }>(
    'select seq from audit_log group by seq having count(*) > 1 limit 1',
  );
  if (!rows[0]) return undefined;
  return { seq: Number(rows[0].seq), position: null, reason: `entry ${rows[0].seq} appears more than once in the log` };
}

/** Every entry not in the chain must be one the sealer has simply not reached yet. */
async function checkPending(
  client: Client,
  key: Buffer,
  head: ChainHead | null,
  now: Date,
): Promise<{ pending: number; broken?: Broken }> {
  let after = -Infinity;
  let pending = 0;
  for (;;) {
    const { rows } = await client.query<EntryRow & { below: boolean }>(
      `select ${ENTRY_COLUMNS}, e.xid < $2::xid8 as below from audit_log e
        where e.seq > $1 and not exists (select 1 from audit_chain c where c.entry_seq = e.seq)
        order by e.seq limit $3`,
      [Number.isFinite(after) ? after : Number.MIN_SAFE_INTEGER, head?.horizon ?? '0', PAGE],
    );
    for (const row of rows) {
      const entry = storedEntry(row);
      const at = { seq: entry.seq, position: null };
      const digest = entryDigest(key, entry);
      if ('problem' in digest)
        return { pending, broken: { ...at, reason: `${digest.problem}; it lies outside the chain` } };
      if (row.below) {
        return {
          pending,
          broken: {
            ...at,
            reason: `entry ${entry.seq} lies outside the chain although its transaction ended before the last seal: it was inserted behind the sealer`,
          },
        };
      }
      const waited = now.getTime() - entry.at.getTime();
      if (waited > PENDING_BOUND_MS) {
        return {
          pending,
          broken: {
            ...at,
            reason: `entry ${entry.seq} has waited ${Math.round(waited / 60000)} min to be sealed (at most ${PENDING_BOUND_MS / 60000}): the sealer is not running or is held back`,
          },
        };
      }
      pending += 1;
      after = entry.seq;
    }
    if (rows.length < PAGE) return { pending };
  }
}

function describe(c: CheckpointLine): string {
  return `the checkpoint of ${c.checkpoint?.at ?? '?'} (line ${c.line} of ${c.file})`;
}

/** Each signed checkpoint against the verified chain; the copy must hold nothing the local file lacks. */
async function checkCheckpoints(
  client: Client,
  key: Buffer,
  walk: Walk,
  lines: CheckpointLine[],
  copyLines: CheckpointLine[],
): Promise<Broken | undefined> {
  const localRaw = new Set(lines.map((l) => l.raw));
  for (const c of [...lines, ...copyLines]) {
    const cp = c.checkpoint;
    // SECURITY: an unreadable line is itself tampering with the checkpoint file; never skip it.
    if (!cp)
      return {
        seq: null,
        position: null,
        reason: `line ${c.line} of the checkpoint file ${c.file} is not a valid checkpoint`,
      };
    if (!checkpointSigned(key, cp)) {
      return {
        seq: null,
        position: null,
        reason: `${describe(c)} has a bad signature: it was forged or signed with another key`,
      };
    }
    const reached = walk.head?.position ?? 0;
    if (cp.v === 2) {
      if (cp.position > reached) {
        return {
          seq: cp.entrySeq,
          position: reached + 1,
          reason: `chain positions ${reached + 1}–${cp.position} are missing: the chain ends at position ${reached}${walk.head ? ` (entry ${walk.head.entrySeq})` : ''} but ${describe(c)} saw position ${cp.position} (entry ${cp.entrySeq})`,
        };
      }
      const at = walk.macsAt.get(cp.position);
      if (!at || at.entrySeq !== cp.entrySeq || !sameMac(at.mac, cp.headMac)) {
        return {
          seq: cp.entrySeq,
          position: cp.position,
          reason: `the chain at position ${cp.position} differs from ${describe(c)}: the log was rewritten after it`,
        };
      }
    } else if (cp.headSeq > 0) {
      const { rows } = await client.query<{ hash: string | null }>('select hash from audit_log where seq = $1', [
        cp.headSeq,
      ]);
      if (rows[0]?.hash !== cp.headHash) {
        return {
          seq: cp.headSeq,
          position: null,
          reason: `entry ${cp.headSeq} differs from ${describe(c)} or is missing`,
        };
      }
    }
  }
  for (const c of copyLines) {
    if (!localRaw.has(c.raw)) {
      return {
        seq: null,
        position: null,
        reason: `${describe(c)} is missing from the local checkpoint file: it was cut or replaced`,
      };
    }
  }
  return undefined;
}

/**
 * Verifies everything: every link and entry of the chain from the start, that the chain table
 * holds exactly those links, that every entry outside it is merely waiting for the sealer, and
 * every signed checkpoint (local file and copy). Read-only; safe on a running installation.
 */
export async function verifyAuditLog(
  db: Client,
  keys: AuditKeys,
  destinations: CheckpointDestinations,
  now = new Date(),
): Promise<VerifyResult> {
  return inOneSnapshot(db, async (client) => {
    const lines = await readCheckpoints(destinations.file);
    const copyLines = destinations.copy ? await readCheckpoints(destinations.copy) : [];
    const wanted = new Set(
      [...lines, ...copyLines].flatMap((l) => (l.checkpoint?.v === 2 ? [l.checkpoint.position] : [])),
    );
    const count = new Set([...lines, ...copyLines].map((l) => l.raw)).size;
    const walk = await walkChain(client, keys.auditChain, null, wanted);
    const result = (pending: number, broken?: Broken): VerifyResult => ({
      ok: !broken,
      sealed: walk.links,
      pending,
      head: walk.head,
      checkpoints: count,
      ...(broken ? { broken } : {}),
    });
    if (walk.broken) return result(0, walk.broken);
    const table = (await checkChainTable(client, walk.head)) ?? (await checkUniqueEntries(client));
    if (table) return result(0, table);
    const cps = await checkCheckpoints(client, keys.auditCheckpoint, walk, lines, copyLines);
    if (cps) return result(0, cps);
    const pending = await checkPending(client, keys.auditChain, walk.head, now);
    return result(pending.pending, pending.broken);
  });
}

/** The newest version-2 checkpoint of the local file, or why the file cannot be trusted. */
async function lastCheckpoint(
  key: Buffer,
  file: string,
): Promise<{ last: Extract<Checkpoint, { v: 2 }> | null } | { broken: Broken }> {
  let last: Extract<Checkpoint, { v: 2 }> | null = null;
  for (const c of await readCheckpoints(file)) {
    if (!c.checkpoint || !checkpointSigned(key, c.checkpoint)) {
      return {
        broken: { seq: null, position: null, reason: `line ${c.line} of ${file} is not a validly signed checkpoint` },
      };
    }
    if (c.checkpoint.v === 2 && (!last || c.checkpoint.position > last.position)) last = c.checkpoint;
  }
  return { last };
}

/** Verifies the chain from the checkpoint `last` (or from the start) to its head, in one snapshot. */
async function verifySince(
  client: pg.ClientBase,
  key: Buffer,
  last: Extract<Checkpoint, { v: 2 }> | null,
): Promise<{ head: ChainHead | null } | { broken: Broken }> {
  let from: ChainHead | null = null;
  if (last) {
    const { rows } = await client.query<{ entry_seq: string; mac: string; horizon: string }>(
      'select entry_seq, mac, horizon::text as horizon from audit_chain where position = $1',
      [last.position],
    );
    const row = rows[0];
    if (!row || Number(row.entry_seq) !== last.entrySeq || !sameMac(row.mac, last.headMac)) {
      return {
        broken: {
          seq: last.entrySeq,
          position: last.position,
          reason: `the chain at position ${last.position} differs from the last checkpoint (${last.at})`,
        },
      };
    }
    from = { position: last.position, entrySeq: last.entrySeq, mac: last.headMac, horizon: row.horizon };
  }
  const walk = await walkChain(client, key, from, new Set());
  if (walk.broken) return { broken: walk.broken };
  const table = await checkChainTable(client, walk.head);
  if (table) return { broken: table };
  return { head: walk.head };
}

/**
 * SECURITY: a checkpoint is signed only for a head verified from the previous signed checkpoint
 * onward (or from the start), so tampering that was not detected is never signed for good.
 * Pass `verified` when a full verification just proved that head. Returns what it signed, or
 * why it refused.
 */
export async function signVerifiedHead(
  db: Client,
  keys: AuditKeys,
  destinations: CheckpointDestinations,
  verified?: ChainHead | null,
): Promise<{ signed: Checkpoint | null; broken?: Broken }> {
  const previous = await lastCheckpoint(keys.auditCheckpoint, destinations.file);
  if ('broken' in previous) return { signed: null, broken: previous.broken };
  const { last } = previous;
  let head = verified;
  if (head === undefined) {
    const proved = await inOneSnapshot(db, (client) => verifySince(client, keys.auditChain, last));
    if ('broken' in proved) return { signed: null, broken: proved.broken };
    head = proved.head;
  }
  if (!head || head.position <= (last?.position ?? 0)) return { signed: null };
  const checkpoint = signCheckpoint(keys.auditCheckpoint, {
    position: head.position,
    entrySeq: head.entrySeq,
    headMac: head.mac,
  });
  await storeCheckpoint(destinations, checkpoint);
  return { signed: checkpoint };
}
