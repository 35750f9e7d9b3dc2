import { spawnSync } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoRoot } from '../src/runtime.ts';

// The boundary check must be able to fail: it runs, with the repository's own configuration, on a
// small tree planted in a temporary directory (never in the source tree) that breaks one rule each.

// Run by this very Node (24): the machine's own node may be too old for dependency-cruiser.
const depcruise = path.join(repoRoot, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs');

async function plant(root: string, files: Record<string, string>): Promise<void> {
  for (const [name, text] of Object.entries(files)) {
    await mkdir(path.dirname(path.join(root, name)), { recursive: true });
    await writeFile(path.join(root, name), text);
  }
}

function check(root: string) {
  const result = spawnSync(
    process.execPath,
    [depcruise, 'packages', '--config', path.join(repoRoot, '.dependency-cruiser.cjs'), '--output-type', 'err'],
    { cwd: root, encoding: 'utf8' },
  );
  return { status: result.status, output: `${result.stdout}${result.stderr}` };
}

describe('npm run check:boundaries', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(path.join(os.tmpdir(), 'utvag-boundaries-'));
    await copyFile(path.join(repoRoot, 'tsconfig.base.json'), path.join(root, 'tsconfig.base.json'));
  });
  afterAll(async () => rm(root, { recursive: true, force: true }));

  it('passes a module of the right shape', async () => {
    const dir = path.join(root, 'good');
    await plant(dir, {
      'packages/server/src/db/schema.ts': 'export const cases = { name: "cases" };\n',
      'packages/server/src/modules/planted/planted.repository.ts':
        "import { cases } from '../../db/schema.ts';\nexport const findCase = () => cases;\n",
      'packages/server/src/modules/planted/planted.service.ts':
        "import { findCase } from './planted.repository.ts';\nexport const readCase = () => findCase();\n",
    });
    await copyFile(path.join(root, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
    const { status, output } = check(dir);
    expect(output).toContain('no dependency violations found');
    expect(status).toBe(0);
  });

  it('fails on an import cycle', async () => {
    const dir = path.join(root, 'cycle');
    await plant(dir, {
      'packages/server/src/modules/planted/a.ts': "import { b } from './b.ts';\nexport const a = () => b;\n",
      'packages/server/src/modules/planted/b.ts': "import { a } from './a.ts';\nexport const b = () => a;\n",
    });
    await copyFile(path.join(root, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
    const { status, output } = check(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('no-cycle');
  });

  it('fails on a query in a service', async () => {
    const dir = path.join(root, 'query');
    await plant(dir, {
      'packages/server/src/db/schema.ts': 'export const cases = { name: "cases" };\n',
      'packages/server/src/modules/planted/planted.service.ts':
        "import { cases } from '../../db/schema.ts';\nexport const readCase = (tx: { select: () => { from: (t: unknown) => unknown } }) => tx.select().from(cases);\n",
    });
    await copyFile(path.join(root, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
    const { status, output } = check(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('sql-only-in-repositories');
    expect(output).toContain('planted.service.ts');
  });

  it('fails on a module reaching into another module’s repository', async () => {
    const dir = path.join(root, 'internals');
    await plant(dir, {
      'packages/server/src/modules/one/one.repository.ts': 'export const rows = () => [];\n',
      'packages/server/src/modules/two/two.service.ts':
        "import { rows } from '../one/one.repository.ts';\nexport const list = () => rows();\n",
    });
    await copyFile(path.join(root, 'tsconfig.base.json'), path.join(dir, 'tsconfig.base.json'));
    const { status, output } = check(dir);
    expect(status).not.toBe(0);
    expect(output).toContain('no-other-module-internals');
  });
});
