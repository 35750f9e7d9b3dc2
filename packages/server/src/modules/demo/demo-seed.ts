import { randomBytes, randomUUID } from 'node:crypto';
import { ROLES, type Role, CASE_LEAD_ROLES, DUTY_ROLES } from '@utvag/domain';
import { withTransaction } from '../../db/database.ts';
import { createDataKey, encryptField, wrapDataKey } from '../crypto/field-crypto.ts';
import type { AppDeps } from '../../service-context.ts';
import { appendAudit } from '../audit/audit.service.ts';
import { hashPassword } from '../auth/passwords.ts';
import { issueRecoveryCodes, newTotpSecret, sealTotpSecret } from '../auth/second-factor.ts';
import { insertCaseWithIdentity } from '../cases/case-crypto.ts';
import { nextCaseCode } from '../cases/case-opening.ts';
import {
  actInProgramme,
  coveringShift,
  demoProgramme,
  insertMeetingPlace,
  insertMembership,
  insertOrganisations,
  insertProgramme,
  insertShiftAndAvailability,
  insertUser,
  membersInRoles,
  setUserEmail,
  setUserTotpSecret,
  userCount,
} from './demo.repository.ts';

/** Which demo organisation each role's account belongs to (index into the three created). */
const DEMO_ORGANISATION_OF: Record<Role, 0 | 1 | 2> = {
  hotline_officer: 0,
  coordinator: 0,
  partner_caseworker: 1,
  coach: 2,
  management: 0,
  auditor: 0,
  administrator: 0,
};

export type DemoAccount = { username: string; role: Role; password: string; totpSecret: string };

// Invented people with valid-looking (Luhn-correct) but made-up numbers. Nothing here is real.
const DEMO_PEOPLE = [
  {
    name: 'Kevin Lindqvist (DEMO)',
    personnummer: '19950412-3150',
    phone: '070-000 00 01',
    address: 'Demogatan 1, 111 11 Exempelstad',
  },
  {
    name: 'Ali Hassan Berg (DEMO)',
    personnummer: '19910923-6878',
    phone: '070-000 00 02',
    address: 'Påhittad väg 2, 222 22 Testby',
  },
  {
    name: 'Jonas Ek (DEMO)',
    personnummer: '19880101-2397',
    phone: '070-000 00 03',
    address: 'Låtsasgränd 3, 333 33 Övningsköping',
  },
];

/** Invented staff names for the demo (obviously not real people). */
const DEMO_NAMES: Record<Role, string> = {
  hotline_officer: 'Jonna Jour (demo)',
  coordinator: 'Sara Samordnare (demo)',
  partner_caseworker: 'Hanna Handläggare (demo)',
  coach: 'Conny Coach (demo)',
  management: 'Lena Ledning (demo)',
  auditor: 'Rolf Revisor (demo)',
  administrator: 'Adam Admin (demo)',
};

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
    if ((await userCount(tx)) > 0) return null;
    const programme = await insertProgramme(tx, { code: 'DEMO', name: 'Avhopparverksamheten Demo (påhittad)' });
    const orgs = await insertOrganisations(tx, [
      { name: 'Polisregion Demo', kind: 'police' },
      { name: 'Demo kommun, socialtjänsten', kind: 'municipality' },
      { name: 'Demo ideell förening', kind: 'voluntary' },
    ]);
    // Partners work for the municipality, coaches for the voluntary organisation, staff for the police.
    const orgFor = (role: Role) => orgs[DEMO_ORGANISATION_OF[role]]!.id;
    const ids = new Map<Role, string>();
    for (const role of ROLES) {
      const { password, hash } = hashes.get(role)!;
      const username = ROLE_USERNAMES[role];
      const user = await insertUser(tx, {
        username,
        displayName: DEMO_NAMES[role],
        organisationId: orgFor(role),
        status: 'active',
        passwordHash: hash,
      });
      const { secret } = newTotpSecret(username);
      await setUserTotpSecret(tx, user!.id, sealTotpSecret(deps.keys.master, user!.id, secret));
      await issueRecoveryCodes(tx, user!.id);
      // The seed is the operator: its staff are confirmed members who have worked here a month, so
      // break-the-glass (which waits for a role to age, decision 010) can be shown.
      await insertMembership(tx, {
        userId: user!.id,
        programmeId: programme!.id,
        role,
        createdAt: new Date(Date.now() - 30 * 24 * 3600 * 1000),
      });
      await setUserEmail(tx, user!.id, `${username}@demo.invalid`);
      ids.set(role, user!.id);
      accounts.push({ username, role, password, totpSecret: secret });
    }
    await actInProgramme(tx, programme!.id);
    for (const person of DEMO_PEOPLE) {
      const { caseId } = await insertCaseWithIdentity(tx, deps.keys, {
        programmeId: programme!.id,
        code: await nextCaseCode(tx, programme!.id, new Date()),
        state: 'inquiry',
        identity: person,
        teamUserIds: DUTY_ROLES.map((role) => ids.get(role)!),
        ownerUserId: ids.get(CASE_LEAD_ROLES[0])!,
      });
      await appendAudit(tx, deps.keys, {
        actorUserId: null,
        programmeId: programme!.id,
        action: 'case:create',
        recordType: 'case',
        recordId: caseId,
        details: { via: 'demo-seed' },
      });
    }
    for (const [name, address] of DEMO_PLACES) {
      const id = randomUUID();
      const key = createDataKey();
      const bind = (column: string) => ({ table: 'meeting_places', column, rowId: id });
      await insertMeetingPlace(tx, {
        id,
        programmeId: programme!.id,
        wrappedKey: wrapDataKey(deps.keys.master, key, bind('wrapped_key')),
        nameEnc: encryptField(key, name, bind('name_enc')),
        addressEnc: encryptField(key, address, bind('address_enc')),
      });
    }
    return accounts;
  });
}

const DEMO_PLACES = [
  ['Polishuset, mötesrum 3 (DEMO)', 'Påhittad gata 10, Exempelstad'],
  ['Socialkontoret Centrum (DEMO)', 'Låtsasvägen 4, Exempelstad'],
] as const;

/**
 * Keeps the demo usable on any day: the demo coordinator and hotline officer are on duty and
 * available from now for a day, so a call taken further can be booked at once.
 */
export async function refreshDemoSchedule(deps: AppDeps): Promise<void> {
  await withTransaction(deps.database.db, {}, async (tx) => {
    const programme = await demoProgramme(tx);
    if (!programme) return;
    await actInProgramme(tx, programme.id);
    const now = new Date();
    const staff = await membersInRoles(tx, programme.id, DUTY_ROLES);
    for (const { userId } of staff) {
      const covering = await coveringShift(tx, userId, now, new Date(now.getTime() + 3600_000));
      if (covering) continue;
      const window = {
        programmeId: programme.id,
        userId,
        startsAt: new Date(now.getTime() - 3600_000),
        endsAt: new Date(now.getTime() + 23 * 3600_000),
      };
      await insertShiftAndAvailability(tx, window);
    }
  });
}
