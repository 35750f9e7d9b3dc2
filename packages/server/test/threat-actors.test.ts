import { randomUUID } from 'node:crypto';
import { ASSESSMENT_VALIDATION_MESSAGES } from '@utvag/domain';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import { municipalityIndex } from '../src/modules/protection/placement-index.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

const marker = (what: string) => `${what}-${randomUUID().slice(0, 8)}`;
const ROLES_WITHOUT_REGISTRY = [
  'hotline_officer',
  'partner_caseworker',
  'coach',
  'management',
  'administrator',
  'auditor',
] as const;

describe('threat actors: a programme registry of groups, rivalries and persons, and the placement-conflict check', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let colleague: TestUser;
  let cookie: string;
  let colleagueCookie: string;
  let caseId: string;
  let otherClientId: string;
  const otherClientCode = `TA-2030-${Math.floor(1000 + Math.random() * 8999)}`;
  const otherClientName = marker('Annan klient');
  const groups: Record<'own' | 'rival' | 'neutral' | 'rivalOfRival', string> = {
    own: '',
    rival: '',
    neutral: '',
    rivalOfRival: '',
  };
  const personName = marker('Hotande Person');
  const personAlias = marker('Alias');
  const personNotes = marker('Känd för knivhot');
  let personId: string;

  const post = (as: string, url: string, payload: unknown) =>
    t.app.inject({
      method: 'POST',
      url,
      headers: { origin: t.origin },
      cookies: { utvag_session: as },
      payload: payload as object,
    });
  const get = (as: string, url: string) => t.app.inject({ method: 'GET', url, cookies: { utvag_session: as } });
  async function sql<T = Record<string, unknown>>(text: string, values: unknown[] = []): Promise<T[]> {
    const client = new pg.Client({ connectionString: t.superuserUrl });
    await client.connect();
    try {
      return (await client.query(text, values)).rows as T[];
    } finally {
      await client.end();
    }
  }
  async function newCase(code: string, team: string[], name = marker('Klient')) {
    const { caseId: id } = await withTransaction(t.database.db, { programmeId: coordinator.programmeId }, (tx) =>
      insertCaseWithIdentity(tx, t.deps.keys, {
        programmeId: coordinator.programmeId,
        code,
        state: 'admitted',
        identity: { name },
        teamUserIds: team,
      }),
    );
    return id;
  }
  async function place(id: string, municipality: string, opts: { status?: string; endsOn?: string | null } = {}) {
    await sql(
      // Only the municipality's blind index matters to the check; the sealed fields are never opened.
      `insert into placements (programme_id, case_id, provider_kind, provider_name_enc, municipality_enc,
         municipality_index, address_enc, starts_on, ends_on, cost_per_day_ore, status, created_by)
       values ($1, $2, 'municipal', '\\x00', '\\x00', $3, '\\x00', current_date - 10, $4, 0, $5, $6)`,
      [
        coordinator.programmeId,
        id,
        municipalityIndex(t.deps.keys, municipality),
        opts.endsOn ?? null,
        opts.status ?? 'active',
        coordinator.id,
      ],
    );
  }
  const check = async (municipality: string, as = cookie, id = caseId) => {
    const r = await post(as, `/api/v1/cases/${id}/placement-check`, { municipality });
    expect(r.statusCode, r.body).toBe(200);
    return r;
  };

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    colleague = await createUser(t, {
      roles: ['coordinator'],
      programmeId: coordinator.programmeId,
      organisationId: coordinator.organisationId,
    });
    cookie = await signIn(t, coordinator);
    colleagueCookie = await signIn(t, colleague);
    caseId = await newCase(`TA-2030-0001`, [coordinator.id]);
    // Another client, on the colleague's team only.
    otherClientId = await newCase(otherClientCode, [colleague.id], otherClientName);
  });
  afterAll(async () => t.close());

  it('registers groups, their presence and symmetric rivalries, and refuses a rivalry of a group with itself', async () => {
    for (const key of Object.keys(groups) as (keyof typeof groups)[]) {
      const r = await post(cookie, '/api/v1/threat-groups', { name: marker(`Grupp ${key}`) });
      expect(r.statusCode, r.body).toBe(200);
      groups[key] = r.json().group.id;
    }
    // Given in either order, stored once, ordered.
    const r1 = await post(cookie, '/api/v1/rivalries', { groupA: groups.rival, groupB: groups.own });
    const r2 = await post(cookie, '/api/v1/rivalries', { groupA: groups.own, groupB: groups.rival });
    expect(r1.statusCode, r1.body).toBe(200);
    expect(r2.json().rivalry).toEqual(r1.json().rivalry);
    expect(r1.json().rivalry.groupA < r1.json().rivalry.groupB).toBe(true);
    expect(await sql('select 1 from rivalries where programme_id = $1', [coordinator.programmeId])).toHaveLength(1);
    await post(cookie, '/api/v1/rivalries', { groupA: groups.rival, groupB: groups.rivalOfRival });

    const self = await post(cookie, '/api/v1/rivalries', { groupA: groups.own, groupB: groups.own });
    expect(self.statusCode).toBe(422);
    expect(self.json().error.fields).toContainEqual(
      expect.objectContaining({
        messageKey: 'validation.rivalry_with_itself',
        messages: ASSESSMENT_VALIDATION_MESSAGES.rivalry_with_itself,
      }),
    );
    const unknown = await post(cookie, '/api/v1/rivalries', { groupA: groups.own, groupB: randomUUID() });
    expect(unknown.statusCode).toBe(404);

    for (const [group, municipality] of [
      [groups.rival, 'Örebro'],
      [groups.neutral, 'Västerås'],
      [groups.rivalOfRival, 'Umeå'],
    ] as const) {
      const p = await post(cookie, `/api/v1/threat-groups/${group}/presence`, { municipality });
      expect(p.statusCode, p.body).toBe(200);
    }
    const list = (await get(cookie, '/api/v1/threat-groups')).json().groups;
    const own = list.find((g: { id: string }) => g.id === groups.own);
    const rival = list.find((g: { id: string }) => g.id === groups.rival);
    expect(own.rivalGroupIds).toEqual([groups.rival]);
    expect(rival.rivalGroupIds.sort()).toEqual([groups.own, groups.rivalOfRival].sort());
    expect(rival.municipalities).toEqual(['Örebro']);
  });

  it('keeps a threatening person encrypted under its own key, out of the log, and notes off the list', async () => {
    const r = await post(cookie, '/api/v1/threat-persons', {
      name: personName,
      alias: personAlias,
      notes: personNotes,
      groupId: groups.rival,
    });
    expect(r.statusCode, r.body).toBe(200);
    personId = r.json().person.id;
    const list = await get(cookie, '/api/v1/threat-persons');
    expect(list.json().persons).toContainEqual({
      id: personId,
      groupId: groups.rival,
      name: personName,
      alias: personAlias,
    });
    expect(list.body).not.toContain(personNotes);
    const one = await get(cookie, `/api/v1/threat-persons/${personId}`);
    expect(one.json().person.notes).toBe(personNotes);

    const [row] = await sql<Record<string, Buffer>>('select * from threat_persons where id = $1', [personId]);
    const raw = Object.values(row!)
      .map((v) => (Buffer.isBuffer(v) ? v.toString('latin1') : String(v)))
      .join('|');
    for (const secret of [personName, personAlias, personNotes]) expect(raw).not.toContain(secret);
    // Its key is its own: bound to this row, so the ciphertext cannot be moved to another record.
    const [caseRow] = await sql<{ wrapped_key: Buffer }>('select wrapped_key from cases where id = $1', [caseId]);
    expect(row!.wrapped_key!.equals(caseRow!.wrapped_key)).toBe(false);

    const log = JSON.stringify(await sql('select action, record_type, record_id, details, purpose from audit_log'));
    for (const secret of [personName, personAlias, personNotes]) expect(log).not.toContain(secret);
  });

  it("links a case to groups and persons, and lists the links with names to the case's team only", async () => {
    const link = await post(cookie, `/api/v1/cases/${caseId}/actor-links`, { groupId: groups.own, kind: 'left' });
    expect(link.statusCode, link.body).toBe(200);
    const both = await post(cookie, `/api/v1/cases/${caseId}/actor-links`, {
      groupId: groups.own,
      threatPersonId: personId,
      kind: 'threatened_by',
    });
    expect(both.statusCode).toBe(422);
    expect(JSON.stringify(both.json())).toContain('validation.link_target_required');
    const byPerson = await post(cookie, `/api/v1/cases/${caseId}/actor-links`, {
      threatPersonId: personId,
      kind: 'threatened_by',
    });
    expect(byPerson.statusCode, byPerson.body).toBe(200);
    const links = (await get(cookie, `/api/v1/cases/${caseId}/actor-links`)).json().links;
    expect(links).toHaveLength(2);
    expect(links[1].threatPerson).toEqual({
      id: personId,
      groupId: groups.rival,
      name: personName,
      alias: personAlias,
    });

    // A coordinator outside the team: as if the case did not exist, and nothing is linked.
    const theirs = await get(colleagueCookie, `/api/v1/cases/${caseId}/actor-links`);
    expect(theirs.statusCode).toBe(404);
    expect(theirs.body).not.toContain(personName);
    const sneak = await post(colleagueCookie, `/api/v1/cases/${caseId}/actor-links`, {
      groupId: groups.neutral,
      kind: 'member_of',
    });
    expect(sneak.statusCode).toBe(404);
    expect(await sql('select 1 from case_actor_links where case_id = $1', [caseId])).toHaveLength(2);
  });

  it('warns when a rival of the person’s group is present in the municipality, and not otherwise', async () => {
    const orebro = (await check('Örebro')).json().warnings;
    expect(orebro).toEqual([
      {
        code: 'rival_group_present',
        message: ASSESSMENT_VALIDATION_MESSAGES.rival_group_present,
        groupId: groups.rival,
        groupName: expect.any(String),
        caseCode: null,
      },
    ]);
    // Spelled differently, same place.
    expect((await check('  örebro ')).json().warnings).toHaveLength(1);
    // A group that is neither the person's rival nor threatens them; a rival of a rival; nowhere known.
    expect((await check('Västerås')).json().warnings).toEqual([]);
    expect((await check('Umeå')).json().warnings).toEqual([]);
    expect((await check('Lund')).json().warnings).toEqual([]);
    const missing = await post(cookie, `/api/v1/cases/${caseId}/placement-check`, {});
    expect(missing.statusCode).toBe(422);
    expect(JSON.stringify(missing.json())).toContain('validation.municipality_required');
    // SECURITY: the municipality considered never travels in a URL: there is no GET to put it in.
    const inUrl = await get(cookie, `/api/v1/cases/${caseId}/placement-check?municipality=Lund`);
    expect(inUrl.statusCode).toBe(404);
  });

  it('warns about another client of a conflicting group placed there, without identifying them', async () => {
    await post(colleagueCookie, `/api/v1/cases/${otherClientId}/actor-links`, {
      groupId: groups.rival,
      kind: 'member_of',
    });
    await place(otherClientId, 'Lund');
    const r = await check('Lund');
    expect(r.json().warnings).toEqual([
      expect.objectContaining({ code: 'conflicting_client_present', groupId: groups.rival, caseCode: null }),
    ]);
    // SECURITY: nothing that names the other client: no id, no code, no name.
    for (const secret of [otherClientId, otherClientCode, otherClientName]) expect(r.body).not.toContain(secret);
    // The municipality a person may be placed in is not written to the log.
    expect(JSON.stringify(await sql('select details from audit_log'))).not.toContain('Lund');

    // A member of the other client's team may see which of their cases it is.
    await sql('insert into case_team_members (case_id, programme_id, user_id) values ($1, $2, $3)', [
      caseId,
      coordinator.programmeId,
      colleague.id,
    ]);
    const theirs = await check('Lund', colleagueCookie);
    expect(theirs.json().warnings[0].caseCode).toBe(otherClientCode);
  });

  it('does not warn for ended placements or clients of unrelated groups', async () => {
    const ended = await newCase(`TA-2030-${Math.floor(1000 + Math.random() * 8999)}`, [colleague.id]);
    await post(colleagueCookie, `/api/v1/cases/${ended}/actor-links`, { groupId: groups.rival, kind: 'member_of' });
    await place(ended, 'Malmö', { endsOn: '2020-01-01' });
    await place(ended, 'Malmö', { status: 'ended' });
    const unrelated = await newCase(`TA-2030-${Math.floor(1000 + Math.random() * 8999)}`, [colleague.id]);
    await post(colleagueCookie, `/api/v1/cases/${unrelated}/actor-links`, {
      groupId: groups.neutral,
      kind: 'member_of',
    });
    await place(unrelated, 'Malmö');
    expect((await check('Malmö')).json().warnings).toEqual([]);
    // The person's own placement there is not "another client".
    await place(caseId, 'Malmö');
    expect((await check('Malmö')).json().warnings).toEqual([]);
  });

  it('keeps every other role away from every threat-actor route, even on the team', async () => {
    const routes = t.app.registeredRoutes.filter(
      (r) =>
        r.auth === 'full' &&
        /^\/api\/v1\/(threat-groups|threat-persons|rivalries|cases\/:id\/(actor-links|placement-check))/.test(r.url),
    );
    expect(routes.map((r) => `${r.method} ${r.url}`).sort()).toEqual([
      'GET /api/v1/cases/:id/actor-links',
      'GET /api/v1/rivalries',
      'GET /api/v1/threat-groups',
      'GET /api/v1/threat-persons',
      'GET /api/v1/threat-persons/:id',
      'POST /api/v1/cases/:id/actor-links',
      'POST /api/v1/cases/:id/placement-check',
      'POST /api/v1/rivalries',
      'POST /api/v1/threat-groups',
      'POST /api/v1/threat-groups/:id/presence',
      'POST /api/v1/threat-persons',
    ]);
    const bodies: Record<string, unknown> = {
      '/api/v1/threat-groups': { name: 'Ny grupp' },
      '/api/v1/threat-groups/:id/presence': { municipality: 'Lund' },
      '/api/v1/rivalries': { groupA: groups.own, groupB: groups.neutral },
      '/api/v1/threat-persons': { name: 'Ny person' },
      '/api/v1/cases/:id/actor-links': { groupId: groups.neutral, kind: 'member_of' },
      '/api/v1/cases/:id/placement-check': { municipality: 'Lund' },
    };
    const realIds: Record<string, string> = {
      '/api/v1/threat-groups/:id/presence': groups.own,
      '/api/v1/threat-persons/:id': personId,
    };
    const counts = async () =>
      sql(
        `select (select count(*) from threat_groups) g, (select count(*) from threat_persons) p,
                (select count(*) from rivalries) r, (select count(*) from group_presence) gp,
                (select count(*) from case_actor_links) l`,
      );
    const before = await counts();
    for (const role of ROLES_WITHOUT_REGISTRY) {
      const user = await createUser(t, {
        roles: [role],
        programmeId: coordinator.programmeId,
        organisationId: coordinator.organisationId,
      });
      await sql('insert into case_team_members (case_id, programme_id, user_id) values ($1, $2, $3)', [
        caseId,
        coordinator.programmeId,
        user.id,
      ]);
      const as = await signIn(t, user);
      for (const route of routes) {
        for (const id of [realIds[route.url] ?? caseId, randomUUID()]) {
          const url = route.url.replace(':id', id);
          const r = route.method === 'GET' ? await get(as, url) : await post(as, url, bodies[route.url] ?? {});
          expect([403, 404], `${role} ${route.method} ${url}: ${r.body}`).toContain(r.statusCode);
          for (const secret of [personName, personAlias, otherClientCode]) expect(r.body).not.toContain(secret);
        }
      }
    }
    expect(await counts()).toEqual(before);
  });

  it('keeps another programme out of the registry', async () => {
    const stranger = await createUser(t, { roles: ['coordinator'] });
    const as = await signIn(t, stranger);
    const list = await get(as, '/api/v1/threat-persons');
    expect(list.statusCode).toBe(200);
    expect(list.json().persons).toEqual([]);
    expect((await get(as, `/api/v1/threat-persons/${personId}`)).statusCode).toBe(404);
    expect((await post(as, `/api/v1/threat-groups/${groups.own}/presence`, { municipality: 'Lund' })).statusCode).toBe(
      404,
    );
    expect((await post(as, '/api/v1/rivalries', { groupA: groups.own, groupB: groups.neutral })).statusCode).toBe(404);
    expect((await post(as, `/api/v1/cases/${caseId}/placement-check`, { municipality: 'Lund' })).statusCode).toBe(404);
  });
});
