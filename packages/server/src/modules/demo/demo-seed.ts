import { randomBytes } from 'node:crypto';
import { ROLES, type Role } from '@utvag/domain';
import { sql } from 'drizzle-orm';
import { withTransaction } from '../../db/database.ts';
import { memberships, organisations, programmes, users } from '../../db/schema.ts';
import type { AppDeps } from '../../http/context.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { issueRecoveryCodes, newTotpSecret, sealTotpSecret } from '../auth/second-factor.ts';
import { insertCaseWithIdentity } from '../cases/case-crypto.ts';

export type DemoAccount = { username: string; role: Role; password: string; totpSecret: string };

// Invented people with valid-looking (Luhn-correct) but made-up numbers. Nothing here is real.
const DEMO_PEOPLE = [
  { name: 'Kevin Lindqvist (DEMO)', personnummer: '19950412-3159', phone: '070-000 00 01', address: 'Demogatan 1, 111 11 Exempelstad' },
  { name: 'Ali Hassan Berg (DEMO)', personnummer: '19910923-6872', phone: '070-000 00 02', address: 'Påhittad väg 2, 222 22 Testby' },
  { name: 'Jonas Ek (DEMO)', personnummer: '19880101-2394', phone: '070-000 00 03', address: 'Låtsasgränd 3, 333 33 Övningsköping' },
];

const ROLE_USERNAMES: Record<Role, string> = {
  hotline_officer: 'jour.demo',
  coordinator: 'samordnare.demo',
  partner_caseworker: 'handlaggare.demo',
  coach: 'coach.demo',
  management: 'ledning.demo',
  auditor: 'revisor.demo',
  administrator: 'admin.demo',
};

/** Fills an empty database with one demo programme, one user per role and a few invented cases. */
export async function seedDemo(deps: AppDeps): Promise<DemoAccount[] | null> {
  const accounts: DemoAccount[] = [];
  const hashes = new Map<Role, { password: string; hash: string }>();
  for (const role of ROLES) {
    const password = `demo-${randomBytes(6).toString('base64url')}-${role.length}x`;
    hashes.set(role, { password, hash: await hashPassword(password) });
  }
  return withTransaction(deps.database.db, {}, async (tx) => {
    const [existing] = await tx.select({ n: sql<number>`count(*)::int` }).from(users);
    if ((existing?.n ?? 0) > 0) return null;
    const [programme] = await tx.insert(programmes).values({ code: 'DEMO', name: 'Avhopparverksamheten Demo (påhittad)' }).returning();
    const orgs = await tx
      .insert(organisations)
      .values([
        { name: 'Polisregion Demo', kind: 'police' },
        { name: 'Demo kommun, socialtjänsten', kind: 'municipality' },
        { name: 'Demo ideell förening', kind: 'voluntary' },
      ])
      .returning();
    const orgFor = (role: Role) =>
      role === 'partner_caseworker' ? orgs[1]!.id : role === 'coach' ? orgs[2]!.id : orgs[0]!.id;
    const ids = new Map<Role, string>();
    for (const role of ROLES) {
      const { password, hash } = hashes.get(role)!;
      const username = ROLE_USERNAMES[role];
      const [user] = await tx
        .insert(users)
        .values({ username, displayName: `Demo ${role}`, organisationId: orgFor(role), status: 'active', passwordHash: hash })
        .returning({ id: users.id });
      const { secret } = newTotpSecret(username);
      await tx.update(users).set({ totpSecretEnc: sealTotpSecret(deps.keys.master, user!.id, secret) }).where(sql`${users.id} = ${user!.id}`);
      await issueRecoveryCodes(tx, user!.id);
      await tx.insert(memberships).values({ userId: user!.id, programmeId: programme!.id, role });
      ids.set(role, user!.id);
      accounts.push({ username, role, password, totpSecret: secret });
    }
    await tx.execute(sql`select set_config('utvag.programme_id', ${programme!.id}, true)`);
    const year = new Date().getFullYear();
    for (const [i, person] of DEMO_PEOPLE.entries()) {
      const { caseId } = await insertCaseWithIdentity(tx, deps.keys, {
        programmeId: programme!.id,
        code: `DEMO-${year}-${String(i + 1).padStart(4, '0')}`,
        state: 'inquiry',
        identity: person,
        teamUserIds: [ids.get('coordinator')!, ids.get('hotline_officer')!],
        ownerUserId: ids.get('coordinator')!,
      });
      await appendAudit(tx, { actorUserId: null, programmeId: programme!.id, action: 'case:create', recordType: 'case', recordId: caseId, details: { via: 'demo-seed' } });
    }
    return accounts;
  });
}
