import { randomInt, randomUUID } from 'node:crypto';
import { type Role } from '@utvag/domain';
import { eq } from 'drizzle-orm';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { calls, cases, checklistResponses, relatedPersons } from '../src/db/schema.ts';
import { caseDataKey } from '../src/modules/cases/case-crypto.ts';
import { createDataKey, encryptField, wrapDataKey } from '../src/modules/crypto/field-crypto.ts';
import { newCase } from './factories.ts';
import { superQuery, randomPersonnummer } from './support.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

const HOUR = 3600_000;

const marker = (what: string) => `${what}${randomUUID().slice(0, 8)}`;

/** A case in the user's programme with the given team; returns its id. */
describe('the case view: sections decrypted only when allowed, every decrypted read logged', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let officer: TestUser;
  let cookie: string;
  let caseId: string;
  let responseId: string;
  const code = `VY-2030-${randomInt(1000, 9999)}`;
  const identity = {
    name: marker('Namn'),
    personnummer: randomPersonnummer(),
    phone: '0701234567',
    address: marker('Gata'),
  };
  const relative = { name: marker('Mamma'), phone: '0709876543', relation: 'mor', protectionNeeds: marker('Skydd') };
  const answers = { 'weapon-access': 'yes', 'threat-to-life': 'unknown', note: marker('Anteckning') };

  const view = (as = cookie, id = caseId) =>
    t.app.inject({ method: 'GET', url: `/api/v1/cases/${id}`, cookies: { utvag_session: as } });

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    officer = await createUser(t, { roles: ['hotline_officer'], programmeId: coordinator.programmeId });
    cookie = await signIn(t, coordinator);
    const programmeId = coordinator.programmeId;
    caseId = await newCase(t, programmeId, [coordinator.id, officer.id], { code, identity, ownerUserId: null });
    await superQuery(t, 'update cases set acute = true where id = $1', [caseId]);
    // What the hotline intake writes: a related person under the case key, a checklist under the call key.
    await withTransaction(t.database.db, { programmeId }, async (tx) => {
      const [caseRow] = await tx.select().from(cases).where(eq(cases.id, caseId));
      const caseKey = caseDataKey(t.deps.keys, caseRow!);
      const relatedId = randomUUID();
      const enc = (column: string, value: string) =>
        encryptField(caseKey, value, { table: 'related_persons', column, rowId: relatedId });
      await tx.insert(relatedPersons).values({
        id: relatedId,
        caseId,
        programmeId,
        nameEnc: enc('name_enc', relative.name),
        phoneEnc: enc('phone_enc', relative.phone),
        relationEnc: enc('relation_enc', relative.relation),
        protectionNeedsEnc: enc('protection_needs_enc', relative.protectionNeeds),
      });
      const callId = randomUUID();
      const callKey = createDataKey();
      await tx.insert(calls).values({
        id: callId,
        programmeId,
        receivedAt: new Date(),
        channel: 'hotline',
        callerType: 'self',
        handlerUserId: officer.id,
        decision: 'take_further',
        wrappedKey: wrapDataKey(t.deps.keys.master, callKey, { table: 'calls', column: 'wrapped_key', rowId: callId }),
        caseId,
        acute: true,
      });
      responseId = randomUUID();
      await tx.insert(checklistResponses).values({
        id: responseId,
        programmeId,
        callId,
        caseId,
        instrumentKey: 'hotline-threat',
        instrumentVersion: 1,
        answersEnc: encryptField(callKey, JSON.stringify(answers), {
          table: 'checklist_responses',
          column: 'answers_enc',
          rowId: responseId,
        }),
        acute: true,
        acuteItemIds: ['weapon-access'],
        judgement: 'acute',
        completedBy: officer.id,
      });
    });
  });
  afterAll(async () => t.close());

  it('gives a team coordinator identity, related persons, checklists, clocks, allowed events and abilities', async () => {
    const r = await view();
    expect(r.statusCode, r.body).toBe(200);
    const body = r.json();
    expect(body).toMatchObject({
      id: caseId,
      code,
      state: 'inquiry',
      acute: true,
      identity,
      relatedPersons: [{ ...relative, id: expect.any(String) }],
      checklists: [
        {
          id: responseId,
          instrumentKey: 'hotline-threat',
          instrumentVersion: 1,
          answers,
          acute: true,
          acuteItemIds: ['weapon-access'],
          judgement: 'acute',
        },
      ],
      meetings: [],
      allowedEvents: ['start_assessment', 'close'],
    });
    expect(body.clocks.first_meeting.status).toMatch(/^(due|late)$/);
    expect(body.clocks.assessment.status).toBe('not_started');
    expect(body.abilities).toEqual(
      expect.arrayContaining(['case:read', 'case:transition', 'threat:read', 'meeting:book']),
    );
  });

  it('logs case:read, identity:read and threat:read with the case id, and nothing personal', async () => {
    const [{ seq }] = (await superQuery<{ seq: string }>(t, 'select max(seq) as seq from audit_log')) as [
      { seq: string },
    ];
    await view();
    const added = await superQuery<{ action: string; record_id: string; everything: string }>(
      t,
      'select action, record_id, row_to_json(audit_log)::text as everything from audit_log where seq > $1 order by seq',
      [seq],
    );
    expect(added.map((e) => [e.action, e.record_id])).toEqual([
      ['case:read', caseId],
      ['identity:read', caseId],
      ['threat:read', caseId],
    ]);
    const needles = [
      identity.name,
      identity.address,
      identity.personnummer,
      relative.name,
      relative.protectionNeeds,
      answers.note,
    ];
    for (const e of added) for (const needle of needles) expect(e.everything).not.toContain(needle);
  });

  it('reads the whole view in at most 9 statements, as many as for a case with only a name (issue 9)', async () => {
    const statementsOf = async (id: string) => {
      const spy = vi.spyOn(pg.Client.prototype, 'query');
      try {
        const r = await view(cookie, id);
        expect(r.statusCode, r.body).toBe(200);
        return spy.mock.calls.length;
      } finally {
        spy.mockRestore();
      }
    };
    const bare = await newCase(t, coordinator.programmeId, [coordinator.id], { ownerUserId: null });
    const full = await statementsOf(caseId);
    // Session, begin, actor context, actor, case with its access facts, the view's parts, the
    // entries' numbers, the entries, commit.
    expect(full).toBeLessThanOrEqual(9);
    expect(await statementsOf(bare)).toBe(full);
  });

  it('refuses a coordinator of the programme outside the team (404, logged as denied), and logs no read', async () => {
    const outsider = await createUser(t, { roles: ['coordinator'], programmeId: coordinator.programmeId });
    const r = await view(await signIn(t, outsider));
    expect(r.statusCode).toBe(404);
    for (const needle of [identity.name, relative.name, answers.note]) expect(r.body).not.toContain(needle);
    const entries = await superQuery<{ action: string; outcome: string; record_id: string }>(
      t,
      'select action, outcome, record_id from audit_log where actor_user_id = $1 and record_id = $2 order by seq',
      [outsider.id, caseId],
    );
    expect(entries).toEqual([{ action: 'case:read', outcome: 'denied', record_id: caseId }]);
  });

  it('gives a hotline officer on the team the threat checklist but no lifecycle events to choose from', async () => {
    const r = await view(await signIn(t, officer));
    expect(r.statusCode).toBe(200);
    expect(r.json().checklists).toHaveLength(1);
    expect(r.json().allowedEvents).toEqual([]);
    expect(r.json().abilities).not.toContain('case:transition');
  });

  it('refuses the checklist when its answers were moved to another response row (bound ciphertext)', async () => {
    const otherId = randomUUID();
    await superQuery(
      t,
      `insert into checklist_responses (id, programme_id, call_id, case_id, instrument_key, instrument_version, answers_enc, acute, acute_item_ids, completed_by)
       select $1, programme_id, call_id, case_id, instrument_key, instrument_version, answers_enc, acute, acute_item_ids, completed_by
         from checklist_responses where id = $2`,
      [otherId, responseId],
    );
    try {
      const r = await view();
      expect(r.statusCode).toBe(500);
      expect(r.body).not.toContain(answers.note);
    } finally {
      await superQuery(t, 'delete from checklist_responses where id = $1', [otherId]);
    }
  });
});

describe('lifecycle transitions through the API', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let officer: TestUser;
  let cookie: string;
  let caseId: string;
  const transit = (event: string, as = cookie, id = caseId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/transitions`,
      headers: { origin: t.origin },
      cookies: { utvag_session: as },
      payload: { event },
    });

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    officer = await createUser(t, { roles: ['hotline_officer'], programmeId: coordinator.programmeId });
    cookie = await signIn(t, coordinator);
    caseId = await newCase(t, coordinator.programmeId, [coordinator.id, officer.id], {
      code: 'LC-2030-0001',
      ownerUserId: null,
    });
  });
  afterAll(async () => t.close());

  it('applies an allowed event, records it in case_events and answers with the new case view', async () => {
    const r = await transit('start_assessment');
    expect(r.statusCode, r.body).toBe(200);
    expect(r.json()).toMatchObject({ state: 'assessment', allowedEvents: ['admit', 'decline', 'refer'] });
    const events = await superQuery(
      t,
      'select event, from_state, to_state, by_user_id from case_events where case_id = $1',
      [caseId],
    );
    expect(events).toEqual([
      { event: 'start_assessment', from_state: 'inquiry', to_state: 'assessment', by_user_id: coordinator.id },
    ]);
  });

  it('refuses a forbidden event with 422 errors.forbidden_transition naming the allowed events, and changes nothing', async () => {
    const r = await transit('activate');
    expect(r.statusCode).toBe(422);
    expect(r.json().error.messageKey).toBe('errors.forbidden_transition');
    expect(r.json().error.message).toContain('admit, decline, refer');
    const [row] = await superQuery(t, 'select state, assessment_done_at from cases where id = $1', [caseId]);
    expect(row).toEqual({ state: 'assessment', assessment_done_at: null });
    expect(await superQuery(t, 'select 1 from case_events where case_id = $1', [caseId])).toHaveLength(1);
  });

  it('refuses an event that does not exist at the edge', async () => {
    for (const event of ['explode', '__proto__', 'constructor']) expect((await transit(event)).statusCode).toBe(422);
  });

  it('refuses a hotline officer on the team with 403: they may read the case but not move it', async () => {
    const r = await transit('admit', await signIn(t, officer));
    expect(r.statusCode).toBe(403);
    const [row] = await superQuery(t, 'select state from cases where id = $1', [caseId]);
    expect(row).toEqual({ state: 'assessment' });
  });

  it('stops the assessment clock on a decision, and a reopening does not move it', async () => {
    const admitted = await transit('admit');
    expect(admitted.statusCode).toBe(200);
    const [first] = await superQuery<{ assessment_done_at: Date }>(
      t,
      'select assessment_done_at from cases where id = $1',
      [caseId],
    );
    expect(first!.assessment_done_at).toBeInstanceOf(Date);
    expect(admitted.json().clocks.assessment.doneAt).toBe(first!.assessment_done_at.toISOString());
    const closedCase = await newCase(t, coordinator.programmeId, [coordinator.id], {
      code: 'LC-2030-0002',
      ownerUserId: null,
    });
    for (const event of ['start_assessment', 'decline', 'reopen', 'refer']) {
      expect((await transit(event, cookie, closedCase)).statusCode, event).toBe(200);
    }
    const states = await superQuery(t, 'select to_state from case_events where case_id = $1 order by at, id', [
      closedCase,
    ]);
    expect(states.map((s) => s.to_state).sort()).toEqual(['assessment', 'assessment', 'closed', 'declined']);
  });

  it('lets only one of two simultaneous transitions from the same state through', async () => {
    const id = await newCase(t, coordinator.programmeId, [coordinator.id], { code: 'LC-2030-0003', ownerUserId: null });
    const answers = await Promise.all([transit('start_assessment', cookie, id), transit('close', cookie, id)]);
    // The loser either waited on the row and found it moved (409) or read the new state first (422).
    const codes = answers.map((r) => r.statusCode).sort();
    expect(codes[0]).toBe(200);
    expect([409, 422]).toContain(codes[1]);
    expect(await superQuery(t, 'select 1 from case_events where case_id = $1', [id])).toHaveLength(1);
  });
});

describe('clocks and the overdue list', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let colleague: TestUser;
  let cookie: string;
  const overdue = (as = cookie) =>
    t.app.inject({ method: 'GET', url: '/api/v1/home/overdue', cookies: { utvag_session: as } });

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    colleague = await createUser(t, { roles: ['coordinator'], programmeId: coordinator.programmeId });
    cookie = await signIn(t, coordinator);
  });
  afterAll(async () => t.close());

  it('lists a case contacted yesterday with no meeting as late on its first-meeting clock, with no identity', async () => {
    const name = marker('Sen');
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id], {
      code: 'CL-2030-0001',
      identity: { name },
      ownerUserId: null,
    });
    await superQuery(t, `update cases set contact_at = now() - interval '30 hours' where id = $1`, [caseId]);
    const r = await overdue();
    expect(r.statusCode, r.body).toBe(200);
    const entry = r.json().overdue.find((o: { caseId: string }) => o.caseId === caseId);
    expect(entry).toMatchObject({ caseCode: 'CL-2030-0001', clock: 'first_meeting' });
    expect(entry.lateByMinutes).toBeGreaterThan(0);
    expect(new Date(entry.dueAt).getTime()).toBeLessThan(Date.now());
    expect(r.body).not.toContain(name);
    // Not on the team: not on the list.
    expect((await overdue(await signIn(t, colleague))).json().overdue).toEqual([]);
  });

  it('leaves closed cases off the list', async () => {
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id], {
      code: 'CL-2030-0002',
      ownerUserId: null,
    });
    await superQuery(t, `update cases set contact_at = now() - interval '30 hours', state = 'closed' where id = $1`, [
      caseId,
    ]);
    expect((await overdue()).json().overdue.map((o: { caseId: string }) => o.caseId)).not.toContain(caseId);
  });

  it('stops the first-meeting clock when the first meeting is held, counted from the meeting’s start', async () => {
    const caseId = await newCase(t, coordinator.programmeId, [coordinator.id], {
      code: 'CL-2030-0003',
      ownerUserId: null,
    });
    const place = await t.app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: { name: 'Klockplats' },
    });
    const booked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/meetings`,
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: {
        startsAt: new Date(Math.ceil(Date.now() / HOUR) * HOUR + 24 * HOUR).toISOString(),
        durationMinutes: 60,
        staffUserId: coordinator.id,
        placeId: place.json().id,
      },
    });
    expect(booked.statusCode, booked.body).toBe(200);
    const meetingId = booked.json().meeting.id;
    // The meeting took place: it started ten minutes after the contact, an hour ago.
    const [times] = await superQuery<{ starts_at: Date }>(
      t,
      `with u as (update cases set contact_at = now() - interval '70 minutes' where id = $1)
       update meetings set starts_at = now() - interval '60 minutes', ends_at = now() where id = $2 returning starts_at`,
      [caseId, meetingId],
    );
    const before = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}`,
      cookies: { utvag_session: cookie },
    });
    expect(before.json().clocks.first_meeting).toMatchObject({ doneAt: null });
    const held = await t.app.inject({
      method: 'POST',
      url: `/api/v1/meetings/${meetingId}/held`,
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: {},
    });
    expect(held.statusCode, held.body).toBe(200);
    const after = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}`,
      cookies: { utvag_session: cookie },
    });
    const { first_meeting, assessment } = after.json().clocks;
    expect(first_meeting.doneAt).toBe(times!.starts_at.toISOString());
    expect(first_meeting.status).toMatch(/^(on_time|met_late)$/);
    expect(assessment.status).toBe('due');
    expect(after.json().meetings).toMatchObject([{ id: meetingId, status: 'held', place: { name: 'Klockplats' } }]);
    const list = (await overdue()).json().overdue.filter((o: { caseId: string }) => o.caseId === caseId);
    expect(list).toEqual([]);
  });
});

describe('partners, coaches, management and administrators reach none of these routes', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let caseId: string;
  let meetingId: string;
  let placeId: string;
  let coordinatorCookie: string;
  const outsiders = new Map<
    Role | 'foreign coordinator' | 'colleague off the team',
    { user: TestUser; cookie: string }
  >();
  /** Staff who may see an overdue list at all: for them it is their own list, empty here. */
  const STAFF = new Set(['foreign coordinator', 'colleague off the team']);

  /** Every route this module adds or extends, with a body that would succeed for the team coordinator. */
  const routes = () => {
    const future = new Date(Math.ceil(Date.now() / HOUR) * HOUR + 100 * HOUR).toISOString();
    return [
      { method: 'GET', url: `/api/v1/cases/${caseId}` },
      { method: 'GET', url: `/api/v1/cases/${caseId}/meeting-proposals?durationMinutes=60` },
      {
        method: 'POST',
        url: `/api/v1/cases/${caseId}/meetings`,
        payload: { startsAt: future, durationMinutes: 30, staffUserId: coordinator.id, placeId },
      },
      { method: 'POST', url: `/api/v1/cases/${caseId}/transitions`, payload: { event: 'start_assessment' } },
      { method: 'GET', url: `/api/v1/meetings/${meetingId}/calendar.ics` },
      { method: 'POST', url: `/api/v1/meetings/${meetingId}/held`, payload: {} },
      { method: 'GET', url: '/api/v1/home/overdue' },
    ] as const;
  };

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    const programmeId = coordinator.programmeId;
    coordinatorCookie = await signIn(t, coordinator);
    const team: string[] = [coordinator.id];
    for (const role of ['partner_caseworker', 'coach', 'management', 'administrator'] as const) {
      const user = await createUser(t, { roles: [role], programmeId });
      team.push(user.id);
      outsiders.set(role, { user, cookie: await signIn(t, user) });
    }
    const foreign = await createUser(t, { roles: ['coordinator'] });
    outsiders.set('foreign coordinator', { user: foreign, cookie: await signIn(t, foreign) });
    const colleague = await createUser(t, { roles: ['coordinator', 'hotline_officer'], programmeId });
    outsiders.set('colleague off the team', { user: colleague, cookie: await signIn(t, colleague) });
    // The strongest position: every outsider of this programme is even on the case team.
    caseId = await newCase(t, programmeId, team, {
      code: 'RT-2030-0001',
      identity: { name: 'Skyddad Person' },
      ownerUserId: null,
    });
    await superQuery(t, `update cases set contact_at = now() - interval '30 hours' where id = $1`, [caseId]);
    placeId = (
      await t.app.inject({
        method: 'POST',
        url: '/api/v1/places',
        headers: { origin: t.origin },
        cookies: { utvag_session: coordinatorCookie },
        payload: { name: 'Hemlig plats' },
      })
    ).json().id;
    const booked = await t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${caseId}/meetings`,
      headers: { origin: t.origin },
      cookies: { utvag_session: coordinatorCookie },
      payload: {
        startsAt: new Date(Math.ceil(Date.now() / HOUR) * HOUR + 50 * HOUR).toISOString(),
        durationMinutes: 60,
        staffUserId: coordinator.id,
        placeId,
      },
    });
    meetingId = booked.json().meeting.id;
    await superQuery(t, `update meetings set starts_at = now() - interval '1 hour', ends_at = now() where id = $1`, [
      meetingId,
    ]);
  });
  afterAll(async () => t.close());

  it('answers 403 or 404 to every outsider on every route, shows nothing and changes nothing', async () => {
    const snapshot = () =>
      superQuery(
        t,
        `select (select state from cases where id = $1) as state,
                (select count(*) from meetings) as meetings,
                (select status from meetings where id = $2) as status`,
        [caseId, meetingId],
      );
    const before = await snapshot();
    const answers: string[] = [];
    for (const [who, { cookie }] of outsiders) {
      for (const route of routes()) {
        const r = await t.app.inject({
          method: route.method,
          url: route.url,
          headers: { origin: t.origin },
          cookies: { utvag_session: cookie },
          ...('payload' in route ? { payload: route.payload } : {}),
        });
        // The overdue list is not about one case: outsiders of the programme get an empty list there.
        const ok =
          route.url.endsWith('/home/overdue') && STAFF.has(who)
            ? r.statusCode === 200 && r.json().overdue.length === 0
            : [403, 404].includes(r.statusCode);
        answers.push(
          `${who} ${route.method} ${route.url.replace(/[0-9a-f-]{36}/g, ':id')} → ${ok ? 'refused' : r.statusCode}`,
        );
        expect(r.body).not.toContain('RT-2030-0001');
        expect(r.body).not.toContain('Skyddad Person');
        expect(r.body).not.toContain('Hemlig plats');
      }
    }
    expect(answers.filter((a) => !a.endsWith('refused'))).toEqual([]);
    expect(await snapshot()).toEqual(before);
  });

  it('answers a foreign coordinator exactly as for a case that does not exist', async () => {
    const { cookie } = outsiders.get('foreign coordinator')!;
    const real = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/meeting-proposals`,
      cookies: { utvag_session: cookie },
    });
    const none = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${randomUUID()}/meeting-proposals`,
      cookies: { utvag_session: cookie },
    });
    expect(real.statusCode).toBe(404);
    expect(real.body).toBe(none.body);
    const ics = await t.app.inject({
      method: 'GET',
      url: `/api/v1/meetings/${meetingId}/calendar.ics`,
      cookies: { utvag_session: cookie },
    });
    const noIcs = await t.app.inject({
      method: 'GET',
      url: `/api/v1/meetings/${randomUUID()}/calendar.ics`,
      cookies: { utvag_session: cookie },
    });
    expect(ics.statusCode).toBe(404);
    expect(ics.body).toBe(noIcs.body);
  });

  it('logs the refusals as denied, naming the case or meeting', async () => {
    const rows = await superQuery<{ action: string; record_id: string }>(
      t,
      `select action, record_id from audit_log where outcome = 'denied' and actor_user_id = $1`,
      [outsiders.get('foreign coordinator')!.user.id],
    );
    expect(rows).toEqual(
      expect.arrayContaining([
        { action: 'meeting:book', record_id: caseId },
        { action: 'meeting:export', record_id: meetingId },
        { action: 'meeting:held', record_id: meetingId },
        { action: 'case:transition', record_id: caseId },
      ]),
    );
  });

  it('still works for the team coordinator (the refusals above are not a broken route)', async () => {
    const cookie = coordinatorCookie;
    for (const route of routes()) {
      const r = await t.app.inject({
        method: route.method,
        url: route.url,
        headers: { origin: t.origin },
        cookies: { utvag_session: cookie },
        ...('payload' in route ? { payload: route.payload } : {}),
      });
      expect(r.statusCode, `${route.method} ${route.url} ${r.body}`).toBe(200);
    }
  });
});
