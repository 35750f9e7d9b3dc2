import { spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

/**
 * The benchmark suite at a tiny size (`node bench/run.ts --smoke`): the generator, the real
 * product and the bare baseline on one PostgreSQL, real sign-ins, every scenario for two seconds,
 * the LCP probe and the audit verification. It fails on any error (a non-2xx answer, a failed
 * sign-in, a broken audit log), never on a timing; it writes nothing to bench/RESULTS.md.
 */
describe('benchmark smoke run', () => {
  it('runs every scenario without an error', { timeout: 240_000 }, async () => {
    const child = spawn(process.execPath, ['bench/run.ts', '--smoke'], {
      cwd: repoRoot,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.setEncoding('utf8').on('data', (c: string) => (output += c));
    child.stderr.setEncoding('utf8').on('data', (c: string) => (output += c));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code, output).toBe(0);
    for (const row of [
      'bare Fastify + pg',
      'one case, GET /api/v1/cases/{id}',
      "the coordinator's case list",
      "the coordinator's home",
      'a hotline call saved',
    ])
      expect(output, row).toMatch(new RegExp(`\\| ${row.replace(/[{}()+/]/g, '\\$&')}[^\\n]*\\| 0 \\|`));
    expect(output).toMatch(/LCP of the sign-in page/);
    expect(output).toMatch(/verified in [\d.]+ s: whole/);
    expect(output).not.toContain('bench: wrote');
  });
});
