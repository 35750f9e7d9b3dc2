import { randomInt } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { luhnCheckDigit } from '@utvag/domain';
import pg from 'pg';
import type { TestEnv } from './harness.ts';

/** Runs one statement as the superuser on the test's database (for attacks and raw checks). */
export async function superQuery<T = Record<string, unknown>>(
  t: Pick<TestEnv, 'superuserUrl'>,
  text: string,
  values: unknown[] = [],
): Promise<T[]> {
  const client = new pg.Client({ connectionString: t.superuserUrl });
  await client.connect();
  try {
    return (await client.query(text, values)).rows as T[];
  } finally {
    await client.end();
  }
}

/** A random, valid (Luhn-correct) personnummer of someone born in the 1960s–1990s, 12 digits. */
export function randomPersonnummer(): string {
  const nine = `${60 + randomInt(40)}${String(1 + randomInt(12)).padStart(2, '0')}${String(1 + randomInt(28)).padStart(2, '0')}${String(randomInt(1000)).padStart(3, '0')}`;
  return `19${nine}${luhnCheckDigit(nine)}`;
}

/** Every file below a folder. */
export async function filesUnder(dir: string): Promise<string[]> {
  const out: string[] = [];
  let entries;
  try {
    entries = await readdir(dir, { withFileTypes: true });
  } catch {
    return out;
  }
  for (const entry of entries) {
    const full = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...(await filesUnder(full)));
    else if (entry.isFile()) out.push(full);
  }
  return out;
}

/** For each needle, the database files whose raw bytes contain it. */
export async function scanDataDirectory(
  dataDirectory: string,
  needles: Record<string, Buffer>,
): Promise<Record<string, string[]>> {
  const hits: Record<string, string[]> = Object.fromEntries(Object.keys(needles).map((k) => [k, []]));
  for (const file of await filesUnder(dataDirectory)) {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      continue;
    }
    for (const [name, needle] of Object.entries(needles)) if (bytes.includes(needle)) hits[name]!.push(file);
  }
  return hits;
}

/** The built-in hotline threat checklist's id, and a complete set of answers that is not acute. */
export const HOTLINE_CHECKLIST_ID = 'utvag-hotline-threat';
export const CALM_HOTLINE_ANSWERS = {
  safe_now: 'yes',
  safe_place_tonight: 'yes',
  known_time_place: 'no',
  direct_threats: 'yes',
  threats_against_family: 'no',
  weapons: 'unknown',
  group_knows_plan: 'no',
  recent_violence: '1',
  children_in_home: 'no',
};
