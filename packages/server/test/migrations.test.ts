import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readdir, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const serverDir = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

describe('migrations', () => {
  it('are exactly what drizzle-kit generates from the schema (no hand edits, no forgotten generate)', async () => {
    // drizzle-kit wants an output path relative to its working directory.
    const out = await mkdtemp(path.join(serverDir, '.migrations-check-'));
    try {
      await cp(path.join(serverDir, 'migrations'), out, { recursive: true });
      const before = (await readdir(out)).sort();
      const result = spawnSync(
        'npx',
        [
          'drizzle-kit',
          'generate',
          '--dialect',
          'postgresql',
          '--schema',
          './src/db/schema.ts',
          '--out',
          path.relative(serverDir, out),
        ],
        { cwd: serverDir, encoding: 'utf8' },
      );
      expect(result.status, result.stderr).toBe(0);
      expect(result.stdout + result.stderr).toContain('No schema changes');
      expect((await readdir(out)).sort()).toEqual(before);
    } finally {
      await rm(out, { recursive: true, force: true });
    }
  }, 60_000);
});
