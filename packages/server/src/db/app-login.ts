import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import pg from 'pg';

/**
 * SECURITY: the application logs in as its own role, a member of `utvag_app` only — never as
 * the owner or a superuser — so no statement on an app connection can `SET ROLE` its way past
 * row-level security or the audit log's grants. One login role per database keeps separate
 * databases on one server (tests, several programmes' installations) from sharing a password.
 */
export async function prepareAppLogin(ownerUrl: string, password: string): Promise<string> {
  const url = new URL(ownerUrl);
  const database = decodeURIComponent(url.pathname.slice(1)) || 'postgres';
  const role = `utvag_app_${database.toLowerCase().replace(/[^a-z0-9_]/g, '_')}`.slice(0, 63);
  const client = new pg.Client({ connectionString: ownerUrl });
  await client.connect();
  try {
    const ident = client.escapeIdentifier(role);
    const secret = client.escapeLiteral(password);
    const { rowCount } = await client.query('select 1 from pg_roles where rolname = $1', [role]);
    if (rowCount === 0) {
      await client.query(
        `CREATE ROLE ${ident} LOGIN INHERIT NOSUPERUSER NOCREATEDB NOCREATEROLE NOBYPASSRLS PASSWORD ${secret}`,
      );
    } else {
      await client.query(`ALTER ROLE ${ident} LOGIN PASSWORD ${secret}`);
    }
    await client.query(`GRANT utvag_app TO ${ident}`);
  } finally {
    await client.end();
  }
  url.username = role;
  url.password = encodeURIComponent(password);
  return url.toString();
}

/** The app login's password for an installation, generated once into the keys folder (0600). */
export async function appLoginPassword(dataDir: string): Promise<string> {
  const file = path.join(dataDir, 'keys', 'app-db-password');
  if (!existsSync(file)) {
    await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
    await writeFile(file, randomBytes(24).toString('base64url'), { mode: 0o600 });
  }
  return (await readFile(file, 'utf8')).trim();
}
