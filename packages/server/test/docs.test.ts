import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot } from '../src/runtime.ts';
import { filesUnder } from './support.ts';

// The documents a newcomer reads first must stay true: every test file they cite exists, the
// architecture lists every migration and every domain file, and every decision record says
// whether it stands and since when.

const doc = (name: string) => readFile(path.join(repoRoot, name), 'utf8');
const DOCS = ['README.md', 'docs/ARCHITECTURE.md', 'docs/SECURITY.md', 'docs/HOW-TO-ADD-A-MODULE.md'];

describe('the documentation', () => {
  it('cites only test files that exist', async () => {
    const tests = (await filesUnder(path.join(repoRoot, 'packages')))
      .concat(await filesUnder(path.join(repoRoot, 'e2e')))
      .filter((f) => !f.includes('node_modules') && /\.test\.tsx?$/.test(f))
      .map((f) => path.relative(repoRoot, f));
    const missing: string[] = [];
    for (const name of DOCS) {
      for (const [cited] of (await doc(name)).matchAll(/[A-Za-z0-9_./-]+\.test\.tsx?/g)) {
        if (cited === '.test.ts') continue;
        if (!tests.some((t) => t === cited || t.endsWith(`/${cited}`))) missing.push(`${name}: ${cited}`);
      }
    }
    expect(missing).toEqual([]);
  });

  it('lists every migration in ARCHITECTURE.md', async () => {
    const architecture = await doc('docs/ARCHITECTURE.md');
    const migrations = (await readdir(path.join(repoRoot, 'packages/server/migrations'))).filter((f) =>
      f.endsWith('.sql'),
    );
    expect(migrations.length).toBeGreaterThan(0);
    const unlisted = migrations.filter((m) => !new RegExp(`\\b${m.slice(0, 4)}\\b`).test(architecture));
    expect(unlisted).toEqual([]);
  });

  it('names every domain file in ARCHITECTURE.md', async () => {
    const architecture = await doc('docs/ARCHITECTURE.md');
    const files = (await readdir(path.join(repoRoot, 'packages/domain/src'), { withFileTypes: true }))
      .filter((e) => e.isFile() && e.name.endsWith('.ts') && !/\.test\.ts$|^index\.ts$/.test(e.name))
      .map((e) => e.name);
    expect(files.length).toBeGreaterThan(10);
    expect(files.filter((f) => !architecture.includes(f))).toEqual([]);
  });

  it('tells a newcomer to reach a case through requireCase, never plain authorize()', async () => {
    for (const name of ['docs/SECURITY.md', 'docs/HOW-TO-ADD-A-MODULE.md']) {
      expect(await doc(name), name).toContain('requireCase');
    }
  });

  it('gives every decision record a status and a date', async () => {
    const dir = path.join(repoRoot, 'docs/decisions');
    const records = (await readdir(dir)).filter((f) => /^\d{3}-.+\.md$/.test(f));
    expect(records.length).toBeGreaterThan(0);
    const faults: string[] = [];
    for (const record of records) {
      const text = await readFile(path.join(dir, record), 'utf8');
      if (!/Status:\s*(accepted|superseded|proposed|rejected|deprecated)/i.test(text)) faults.push(`${record}: status`);
      if (!/Date:\s*\d{4}-\d{2}-\d{2}/.test(text)) faults.push(`${record}: date`);
    }
    expect(faults).toEqual([]);
  });
});
