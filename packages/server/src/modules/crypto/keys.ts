import { hkdfSync, randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Keys } from '../../service-context.ts';

export type { Keys };

const MASTER_KEY_BYTES = 32;

function derive(master: Buffer, purpose: string): Buffer {
  return Buffer.from(hkdfSync('sha256', master, Buffer.alloc(0), `utvag ${purpose} v1`, 32));
}

/** Derives the separate purpose keys from one master key. */
export function keysFromMaster(master: Buffer): Keys {
  if (master.length !== MASTER_KEY_BYTES) {
    throw new Error(`The master key must be ${MASTER_KEY_BYTES} bytes (base64 in the key file)`);
  }
  return {
    master,
    blindIndex: derive(master, 'blind-index'),
    placementIndex: derive(master, 'placement-municipality-index'),
    auditCheckpoint: derive(master, 'audit-checkpoint'),
    auditChain: derive(master, 'audit-chain'),
    throttle: derive(master, 'sign-in-throttle'),
    listCursor: derive(master, 'list-cursor'),
  };
}

/**
 * Reads the master key file. When `createIfMissing` (the embedded default) a new key is
 * generated with mode 0600; a configured key file that is missing is an error, never replaced.
 */
export async function loadKeys(file: string, createIfMissing: boolean): Promise<{ keys: Keys; created: boolean }> {
  let created = false;
  if (!existsSync(file)) {
    if (!createIfMissing) {
      throw new Error(`UTVAG_MASTER_KEY_FILE: no key file at ${file}`);
    }
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, randomBytes(MASTER_KEY_BYTES).toString('base64') + '\n', { mode: 0o600 });
    created = true;
  }
  const master = Buffer.from((await readFile(file, 'utf8')).trim(), 'base64');
  return { keys: keysFromMaster(master), created };
}
