import { spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, open, readFile } from 'node:fs/promises';
import path from 'node:path';
import { sameMac } from './audit-chain.ts';

/**
 * A signed statement, kept outside the database, of how far the keyed chain reached and how it
 * ended. Version 1 (decision 004) signed the bare SHA-256 head; it is still read.
 */
export type Checkpoint =
  | { v: 2; at: string; position: number; entrySeq: number; headMac: string; mac: string }
  | { v: 1; at: string; count: number; headSeq: number; headHash: string; mac: string };

type Body = Omit<Extract<Checkpoint, { v: 2 }>, 'mac'>;

function macV2(key: Buffer, c: Body): string {
  return createHmac('sha256', key)
    .update(JSON.stringify(['utvag audit checkpoint', 2, c.at, c.position, c.entrySeq, c.headMac]))
    .digest('hex');
}

function macV1(key: Buffer, c: Extract<Checkpoint, { v: 1 }>): string {
  return createHmac('sha256', key)
    .update(JSON.stringify([c.at, c.count, c.headSeq, c.headHash]))
    .digest('hex');
}

/** True when the checkpoint carries the MAC of its own contents under `key`. */
export function checkpointSigned(key: Buffer, c: Checkpoint): boolean {
  return sameMac(c.mac, c.v === 2 ? macV2(key, c) : macV1(key, c));
}

export function signCheckpoint(key: Buffer, body: Omit<Body, 'v' | 'at'>): Checkpoint {
  const full: Body = { v: 2, at: new Date().toISOString(), ...body };
  return { ...full, mac: macV2(key, full) };
}

const int = (n: unknown, min: number) => Number.isSafeInteger(n) && (n as number) >= min;

function parseCheckpoint(value: unknown): Checkpoint | null {
  const c = value as Record<string, unknown> | null;
  if (typeof c !== 'object' || c === null || typeof c.at !== 'string' || typeof c.mac !== 'string') return null;
  if (c.v === 2 && int(c.position, 1) && int(c.entrySeq, 1) && typeof c.headMac === 'string') {
    return {
      v: 2,
      at: c.at,
      position: c.position as number,
      entrySeq: c.entrySeq as number,
      headMac: c.headMac,
      mac: c.mac,
    };
  }
  if (c.v === undefined && int(c.count, 0) && int(c.headSeq, 0) && typeof c.headHash === 'string') {
    return { v: 1, at: c.at, count: c.count as number, headSeq: c.headSeq as number, headHash: c.headHash, mac: c.mac };
  }
  return null;
}

export type CheckpointLine = { file: string; line: number; raw: string; checkpoint: Checkpoint | null };

/** Every non-empty line of a checkpoint file; an unreadable line is kept as null, never skipped. */
export async function readCheckpoints(file: string): Promise<CheckpointLine[]> {
  if (!existsSync(file)) return [];
  const text = await readFile(file, 'utf8');
  const lines: CheckpointLine[] = [];
  text.split('\n').forEach((raw, index) => {
    if (raw.trim() === '') return;
    let parsed: unknown;
    try {
      parsed = JSON.parse(raw);
    } catch {
      parsed = null;
    }
    lines.push({ file, line: index + 1, raw: raw.trim(), checkpoint: parseCheckpoint(parsed) });
  });
  return lines;
}

/** Appends one line and makes it durable: the file's data, and its directory entry when new. */
async function appendDurably(file: string, line: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
  const handle = await open(file, 'a', 0o600);
  try {
    await handle.write(line);
    await handle.sync();
  } finally {
    await handle.close();
  }
  const dir = await open(path.dirname(file), 'r');
  try {
    await dir.sync();
  } finally {
    await dir.close();
  }
}

/** Hands one checkpoint line to the operator's command on its standard input (e.g. to ship it away). */
function runCommand(command: string, line: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn('/bin/sh', ['-c', command], { stdio: ['pipe', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += String(chunk)));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0 ? resolve() : reject(new Error(`UTVAG_AUDIT_CHECKPOINT_COMMAND exited ${code}: ${stderr.trim()}`)),
    );
    child.stdin.end(line);
  });
}

export type CheckpointDestinations = { file: string; copy?: string | undefined; command?: string | undefined };

/**
 * Writes a checkpoint to the local file, then to the copy and the command when configured. The
 * local file is written first and must succeed; a failing second destination is reported.
 */
export async function storeCheckpoint(to: CheckpointDestinations, checkpoint: Checkpoint): Promise<void> {
  const line = JSON.stringify(checkpoint) + '\n';
  await appendDurably(to.file, line);
  if (to.copy) await appendDurably(to.copy, line);
  if (to.command) await runCommand(to.command, line);
}
