import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import type { TestProject } from 'vitest/node';
import { applyMigrations } from '../src/db/database.ts';
import { startEmbeddedPostgres } from '../src/db/embedded.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** Superuser URL of the test server (maintenance database). */
    pgAdminUrl: string;
    /** Name of the migrated template each test file copies. */
    pgTemplate: string;
  }
}

/**
 * One real PostgreSQL server per test run: the embedded one, or the server named by
 * UTVAG_TEST_DATABASE_URL (CI runs the suite against Debian's PostgreSQL 15 that way).
 * Migrations run once into a template database; each test file clones it.
 */
export default async function setup(project: TestProject) {
  let stop = async () => {};
  let adminUrl = process.env.UTVAG_TEST_DATABASE_URL;
  let dir: string | undefined;
  if (!adminUrl) {
    dir = await mkdtemp(path.join(os.tmpdir(), 'utvag-test-pg-'));
    const server = await startEmbeddedPostgres(dir);
    adminUrl = server.url;
    stop = server.stop;
  }
  const template = `utvag_template_${process.pid}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  await admin.query(`DROP DATABASE IF EXISTS ${template}`);
  await admin.query(`CREATE DATABASE ${template}`);
  await admin.end();
  await applyMigrations(withDatabase(adminUrl, template));
  project.provide('pgAdminUrl', adminUrl);
  project.provide('pgTemplate', template);
  return async () => {
    await stop();
    if (dir) await rm(dir, { recursive: true, force: true });
  };
}

/** The same server URL pointing at another database. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}
