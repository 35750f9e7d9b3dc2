import { randomInt, randomUUID } from 'node:crypto';
import { startOfLocalDay } from '@utvag/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { dutyShifts, meetings, staffAvailability } from '../src/db/schema.ts';
import { loadActor, type ServiceContext } from '../src/http/context.ts';
import { appendAudit, appendAuditEntries } from '../src/modules/audit/audit.service.ts';
import type { ResolvedSession } from '../src/modules/auth/sessions.service.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import { proposeMeetingSlots } from '../src/modules/meetings/meetings.service.ts';
import { superQuery, randomPersonnummer } from './support.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

const TZ = 'Europe/Stockholm';
const HOUR = 3600_000;

/** A marker that cannot occur by chance, so finding it anywhere proves a leak. */
const marker = (what: string) => `${what}${randomUUID().slice(0, 8)}`;

/** Runs a service function as `user`, the way `withActor` does, but with a clock the test sets. */
function asActor<T>(t: TestEnv, user: TestUser, fn: (ctx: ServiceContext) => Promise<T>): Promise<T> {
  return withTransaction(t.database.db, { userId: user.id, programmeId: user.programmeId }, async (tx) => {
    const session = { userId: user.id, programmeId: user.programmeId, stage: 'full' } as ResolvedSession;
    const actor = await loadActor(tx, session);
    return fn({
      actor,
      tx,
      deps: t.deps,
      log: t.app.log,
      audit: (event) => appendAudit(tx, t.deps.keys, { ...event, actorUserId: user.id, programmeId: user.programmeId }),
      auditAll: (events) =>
        appendAuditEntries(
          tx,
          t.deps.keys,
          events.map((event) => ({ ...event, actorUserId: user.id, programmeId: user.programmeId })),
        ),
    });
  });
}

describe('first-meeting proposals (service on a real database, clock fixed at 09:07 Stockholm time)', () => {
  let t: TestEnv;
  // 12 March 2030, standard time (UTC+1): no daylight-saving change that day.
  const day = startOfLocalDay({ year: 2030, month: 3, day: 12 }, TZ);
  const at = (h: number, m = 0) => new Date(day.getTime() + h * HOUR + m * 60_000);
  const now = at(9, 7);
  const local = (iso: string) =>
    new Date(iso).toLocaleTimeString('sv-SE', { timeZone: TZ, hour: '2-digit', minute: '2-digit' });

  const programmeWithCase = async (booker: TestUser) =>
    withTransaction(t.database.db, { programmeId: booker.programmeId }, (tx) =>
      insertCaseWithIdentity(tx, t.deps.keys, {
        programmeId: booker.programmeId,
        code: `PRO-2030-${randomInt(1000, 9999)}`,
        state: 'inquiry',
        identity: { name: 'Förslag Person' },
        teamUserIds: [booker.id],
      }),
    );
  // A TOTP code is accepted once: sign each user in once and keep the session.
  const cookies = new Map<string, string>();
  const cookieOf = async (user: TestUser) => {
    if (!cookies.has(user.id)) cookies.set(user.id, await signIn(t, user));
    return cookies.get(user.id)!;
  };
  const addPlace = async (user: TestUser, name: string) => {
    const cookie = await cookieOf(user);
    const r = await t.app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: { name },
    });
    expect(r.statusCode, r.body).toBe(200);
    return r.json().id as string;
  };
  const insert = (programmeId: string, fn: Parameters<typeof withTransaction>[2]) =>
    withTransaction(t.database.db, { programmeId }, fn);

  beforeAll(async () => {
    t = await createTestEnv();
  });
  afterAll(async () => t.close());

  it('puts the coordinator on duty first and respects the meetings already booked for them', async () => {
    const onDuty = await createUser(t, { roles: ['coordinator'], username: 'a.onduty' });
    const offDuty = await createUser(t, {
      roles: ['coordinator'],
      programmeId: onDuty.programmeId,
      username: 'b.offduty',
    });
    const { caseId } = await programmeWithCase(onDuty);
    const p1 = await addPlace(onDuty, 'A-plats');
    const p2 = await addPlace(onDuty, 'B-plats');
    const programmeId = onDuty.programmeId;
    await insert(programmeId, async (tx) => {
      // On duty 08–12 with no availability entered: the shift is their time.
      await tx.insert(dutyShifts).values({ programmeId, userId: onDuty.id, startsAt: at(8), endsAt: at(12) });
      await tx.insert(staffAvailability).values({ programmeId, userId: offDuty.id, startsAt: at(9), endsAt: at(17) });
      await tx.insert(meetings).values({
        programmeId,
        caseId,
        kind: 'first_meeting',
        startsAt: at(9, 15),
        endsAt: at(10, 15),
        placeId: p1,
        staffUserId: onDuty.id,
        bookedBy: onDuty.id,
      });
    });

    const slots = await asActor(t, onDuty, (ctx) => proposeMeetingSlots(ctx, caseId, 60, now));

    expect(slots.map((s) => [s.staff.displayName, local(s.startsAt), local(s.endsAt), s.place.name])).toEqual([
      // The on-duty coordinator is busy 09:15–10:15, so their first slot is 10:15; the shift ends at 12.
      ['a.onduty', '10:15', '11:15', 'A-plats'],
      ['a.onduty', '10:30', '11:30', 'A-plats'],
      ['a.onduty', '10:45', '11:45', 'A-plats'],
      ['a.onduty', '11:00', '12:00', 'A-plats'],
      // Only then the earlier slot of the coordinator who is not on duty, at the place that is free.
      ['b.offduty', '09:15', '10:15', 'B-plats'],
    ]);
    expect(slots.at(-1)!.place.id).toBe(p2);
  });

  it('never proposes a place that is taken, and ignores someone whose shift has not begun and who gave no availability', async () => {
    const officer = await createUser(t, { roles: ['hotline_officer'], username: 'c.officer' });
    const programmeId = officer.programmeId;
    const later = await createUser(t, { roles: ['hotline_officer'], programmeId, username: 'd.later' });
    const other = await createUser(t, { roles: ['coordinator'], programmeId, username: 'e.other' });
    const { caseId } = await programmeWithCase(officer);
    const place = await addPlace(other, 'Enda-platsen');
    await insert(programmeId, async (tx) => {
      await tx.insert(staffAvailability).values({ programmeId, userId: officer.id, startsAt: at(9), endsAt: at(12) });
      await tx.insert(dutyShifts).values({ programmeId, userId: later.id, startsAt: at(13), endsAt: at(18) });
      // The only place is taken 09:15–11:00 by someone else's meeting.
      await tx.insert(meetings).values({
        programmeId,
        caseId,
        kind: 'first_meeting',
        startsAt: at(9, 15),
        endsAt: at(11),
        placeId: place,
        staffUserId: other.id,
        bookedBy: other.id,
      });
    });

    const slots = await asActor(t, officer, (ctx) => proposeMeetingSlots(ctx, caseId, 60, now));

    expect(slots.map((s) => [s.staff.displayName, local(s.startsAt), local(s.endsAt)])).toEqual([
      ['c.officer', '11:00', '12:00'],
    ]);
  });

  it('proposes nothing past midnight: a meeting that would end tomorrow is not a same-day meeting', async () => {
    const late = await createUser(t, { roles: ['coordinator'] });
    const programmeId = late.programmeId;
    const { caseId } = await programmeWithCase(late);
    await addPlace(late, 'Nattplats');
    await insert(programmeId, (tx) =>
      tx.insert(dutyShifts).values({ programmeId, userId: late.id, startsAt: at(20), endsAt: at(32) }),
    );
    const slots = await asActor(t, late, (ctx) => proposeMeetingSlots(ctx, caseId, 60, at(23, 1)));
    expect(slots).toEqual([]);
    const earlier = await asActor(t, late, (ctx) => proposeMeetingSlots(ctx, caseId, 30, at(23, 1)));
    expect(earlier.map((s) => local(s.startsAt))).toEqual(['23:15', '23:30']);
  });
});

describe('booking a first meeting through the API', () => {
  let t: TestEnv;
  let coordinator: TestUser;
  let officer: TestUser;
  let partner: TestUser;
  let cookie: string;
  let caseId: string;
  let placeId: string;
  let secondPlaceId: string;
  const code = `MKT-2030-${randomInt(1000, 9999)}`;
  const pnr = randomPersonnummer();
  const identity = {
    name: marker('Namnmarkör'),
    personnummer: pnr,
    phone: `070${randomInt(1_000_000, 9_999_999)}`,
    address: marker('Adressmarkör'),
  };
  const placeName = marker('Platsnamn');
  const placeAddress = marker('Platsadress');
  // Whole hours from now, far enough ahead that every booking here is in the future.
  const base = Math.ceil(Date.now() / HOUR) * HOUR + 48 * HOUR;
  const hoursAhead = (h: number) => new Date(base + h * HOUR).toISOString();

  const book = (payload: Record<string, unknown>, as = cookie, id = caseId) =>
    t.app.inject({
      method: 'POST',
      url: `/api/v1/cases/${id}/meetings`,
      headers: { origin: t.origin },
      cookies: { utvag_session: as },
      payload,
    });
  const counts = async () => {
    const [row] = await superQuery<{ meetings: string; team: string; booked: string }>(
      t,
      `select (select count(*) from meetings where case_id = $1) as meetings,
              (select count(*) from case_team_members where case_id = $1) as team,
              (select count(*) from audit_log where action = 'meeting:book' and outcome = 'success') as booked`,
      [caseId],
    );
    return row!;
  };

  beforeAll(async () => {
    t = await createTestEnv();
    coordinator = await createUser(t, { roles: ['coordinator'] });
    officer = await createUser(t, { roles: ['hotline_officer'], programmeId: coordinator.programmeId });
    partner = await createUser(t, { roles: ['partner_caseworker'], programmeId: coordinator.programmeId });
    cookie = await signIn(t, coordinator);
    caseId = (
      await withTransaction(t.database.db, { programmeId: coordinator.programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId: coordinator.programmeId,
          code,
          state: 'inquiry',
          identity,
          teamUserIds: [coordinator.id],
          ownerUserId: coordinator.id,
        }),
      )
    ).caseId;
    const place = await t.app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: { name: placeName, address: placeAddress },
    });
    placeId = place.json().id;
    const second = await t.app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: { name: 'Andra platsen' },
    });
    secondPlaceId = second.json().id;
  });
  afterAll(async () => t.close());

  it('books a meeting for a hotline officer, puts them on the case team and logs the meeting id without personal data', async () => {
    const before = await superQuery(t, 'select max(seq) as seq from audit_log');
    const r = await book({ startsAt: hoursAhead(0), durationMinutes: 60, staffUserId: officer.id, placeId });
    expect(r.statusCode, r.body).toBe(200);
    const { meeting } = r.json();
    expect(meeting).toMatchObject({
      kind: 'first_meeting',
      status: 'booked',
      startsAt: hoursAhead(0),
      endsAt: hoursAhead(1),
      staff: { userId: officer.id },
      place: { id: placeId, name: placeName },
    });
    const officerView = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}`,
      cookies: { utvag_session: await signIn(t, officer) },
    });
    expect(officerView.statusCode).toBe(200);
    expect(officerView.json().meetings.map((m: { id: string }) => m.id)).toEqual([meeting.id]);

    const entries = await superQuery<{ action: string; record_id: string; everything: string }>(
      t,
      'select action, record_id, row_to_json(audit_log)::text as everything from audit_log where seq > $1 order by seq',
      [before[0]!.seq],
    );
    expect(entries.filter((e) => e.action === 'meeting:book').map((e) => e.record_id)).toEqual([meeting.id]);
    expect(entries.filter((e) => e.action === 'case:team_add').map((e) => e.record_id)).toEqual([caseId]);
    for (const e of entries) {
      for (const needle of [identity.name, identity.address, identity.phone, pnr, placeName, placeAddress]) {
        expect(e.everything).not.toContain(needle);
      }
    }
  });

  it('refuses a meeting in the past with 422 errors.meeting_in_past and writes nothing', async () => {
    const before = await counts();
    const r = await book({
      startsAt: new Date(Date.now() - HOUR).toISOString(),
      durationMinutes: 60,
      staffUserId: partner.id, // would also be refused; nothing of it may be written either
      placeId,
    });
    expect(r.statusCode).toBe(422);
    expect(r.json().error.messageKey).toBe('errors.meeting_in_past');
    expect(await counts()).toEqual(before);
  });

  it('refuses someone who is not hotline or coordinator staff, and staff of another programme, with errors.not_staff', async () => {
    const stranger = await createUser(t, { roles: ['coordinator'] });
    const before = await counts();
    for (const staffUserId of [partner.id, stranger.id, randomUUID()]) {
      const r = await book({ startsAt: hoursAhead(10), durationMinutes: 30, staffUserId, placeId });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.messageKey).toBe('errors.not_staff');
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses an unknown, an inactive and another programme’s place with 422', async () => {
    const stranger = await createUser(t, { roles: ['coordinator'] });
    const foreign = await t.app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: { origin: t.origin },
      cookies: { utvag_session: await signIn(t, stranger) },
      payload: { name: 'Främmande plats' },
    });
    const closing = await t.app.inject({
      method: 'POST',
      url: '/api/v1/places',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: { name: 'Stängd plats' },
    });
    const removed = await t.app.inject({
      method: 'DELETE',
      url: `/api/v1/places/${closing.json().id}`,
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
    });
    expect(removed.statusCode).toBe(204);
    const before = await counts();
    for (const id of [randomUUID(), closing.json().id, foreign.json().id]) {
      const r = await book({ startsAt: hoursAhead(10), durationMinutes: 30, staffUserId: coordinator.id, placeId: id });
      expect(r.statusCode).toBe(422);
      expect(r.json().error.messageKey).toBe('errors.unknown_place');
    }
    expect(await counts()).toEqual(before);
  });

  it('refuses a double booking of the staff member or of the place with 409 errors.slot_taken, and allows back-to-back', async () => {
    const first = await book({ startsAt: hoursAhead(20), durationMinutes: 60, staffUserId: coordinator.id, placeId });
    expect(first.statusCode, first.body).toBe(200);
    const before = await counts();
    // Same person, other place, overlapping by a quarter of an hour.
    const samePerson = await book({
      startsAt: new Date(base + 20.75 * HOUR).toISOString(),
      durationMinutes: 60,
      staffUserId: coordinator.id,
      placeId: secondPlaceId,
    });
    // Other person, same place, starting inside the first meeting.
    const samePlace = await book({
      startsAt: new Date(base + 20.5 * HOUR).toISOString(),
      durationMinutes: 15,
      staffUserId: officer.id,
      placeId,
    });
    for (const r of [samePerson, samePlace]) {
      expect(r.statusCode).toBe(409);
      expect(r.json().error.messageKey).toBe('errors.slot_taken');
    }
    expect(await counts()).toEqual(before);
    const backToBack = await book({
      startsAt: hoursAhead(21),
      durationMinutes: 60,
      staffUserId: coordinator.id,
      placeId,
    });
    expect(backToBack.statusCode, backToBack.body).toBe(200);
  });

  it('cancels a booked meeting once, frees its slot for a new booking, and refuses a partner', async () => {
    const startsAt = new Date(Date.now() + 26 * 3600_000).toISOString();
    const booked = await book({ startsAt, durationMinutes: 60, staffUserId: coordinator.id, placeId: secondPlaceId });
    expect(booked.statusCode, booked.body).toBe(200);
    const id = booked.json().meeting.id;
    const cancel = (as: string) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${id}/cancel`,
        headers: { origin: t.origin },
        cookies: { utvag_session: as },
      });
    const partnerCookie = await signIn(t, partner);
    expect([403, 404]).toContain((await cancel(partnerCookie)).statusCode);
    const first = await cancel(cookie);
    expect(first.statusCode, first.body).toBe(200);
    expect(first.json().meeting.status).toBe('cancelled');
    expect((await cancel(cookie)).statusCode).toBe(409);
    const again = await book({ startsAt, durationMinutes: 60, staffUserId: coordinator.id, placeId: secondPlaceId });
    expect(again.statusCode, again.body).toBe(200);
    const logged = await superQuery<{ n: number }>(
      t,
      "select count(*)::int as n from audit_log where action = 'meeting:cancel' and outcome = 'success' and record_id = $1",
      [id],
    );
    expect(logged[0]!.n).toBe(1);
  });

  it('lets only one of two simultaneous bookings of the same slot through', async () => {
    const payload = { startsAt: hoursAhead(30), durationMinutes: 45, staffUserId: officer.id, placeId: secondPlaceId };
    const answers = await Promise.all(Array.from({ length: 5 }, () => book(payload)));
    expect(answers.map((r) => r.statusCode).sort()).toEqual([200, 409, 409, 409, 409]);
    const rows = await superQuery(t, 'select id from meetings where starts_at = $1', [payload.startsAt]);
    expect(rows).toHaveLength(1);
  });

  it('validates the duration (15–240 minutes) and the kind at the edge', async () => {
    for (const bad of [
      { durationMinutes: 10 },
      { durationMinutes: 241 },
      { durationMinutes: 30.5 },
      { kind: 'coffee' },
    ]) {
      const r = await book({ startsAt: hoursAhead(40), durationMinutes: 60, staffUserId: officer.id, placeId, ...bad });
      expect(r.statusCode, JSON.stringify(bad)).toBe(422);
    }
    const proposals = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/meeting-proposals?durationMinutes=5`,
      cookies: { utvag_session: cookie },
    });
    expect(proposals.statusCode).toBe(422);
  });

  it('answers proposals with staff names and place names only, never a place’s address', async () => {
    const r = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${caseId}/meeting-proposals?durationMinutes=30`,
      cookies: { utvag_session: cookie },
    });
    expect(r.statusCode, r.body).toBe(200);
    expect(Array.isArray(r.json().slots)).toBe(true);
    expect(r.body).not.toContain(placeAddress);
    expect(r.body).not.toContain(identity.name);
  });

  describe('the calendar file', () => {
    let meetingId: string;
    let ics: Awaited<ReturnType<TestEnv['app']['inject']>>;
    /** The file with folded lines joined, so a marker split across a fold is still found. */
    const unfolded = () => ics.body.replace(/\r?\n[ \t]/g, '');

    beforeAll(async () => {
      const r = await book({ startsAt: hoursAhead(50), durationMinutes: 90, staffUserId: officer.id, placeId });
      meetingId = r.json().meeting.id;
      ics = await t.app.inject({
        method: 'GET',
        url: `/api/v1/meetings/${meetingId}/calendar.ics`,
        cookies: { utvag_session: cookie },
      });
    });

    it('is a text/calendar attachment named after the case code', () => {
      expect(ics.statusCode, ics.body).toBe(200);
      expect(ics.headers['content-type']).toMatch(/^text\/calendar/);
      expect(ics.headers['content-disposition']).toBe(`attachment; filename="${code}.ics"`);
      expect(ics.headers['cache-control']).toBe('no-store');
    });

    it('holds one event with the case code in its title, its times and a UID', () => {
      const body = unfolded();
      expect(body).toContain('BEGIN:VCALENDAR');
      expect(body.match(/BEGIN:VEVENT/g)).toHaveLength(1);
      expect(body).toContain(`SUMMARY:Utväg: första möte ${code}`);
      expect(body).toContain(`UID:${meetingId}@utvag`);
      const stamp = (iso: string) => iso.replace(/[-:]/g, '').replace(/\.\d{3}/, '');
      expect(body).toContain(`DTSTART:${stamp(hoursAhead(50))}`);
      expect(body).toContain(`DTEND:${stamp(new Date(base + 51.5 * HOUR).toISOString())}`);
    });

    it('contains no name, personnummer, phone or address of the person, no place name or address, no attendee', () => {
      const body = unfolded();
      const needles = [
        identity.name,
        identity.address,
        identity.phone,
        pnr,
        pnr.slice(2),
        `${pnr.slice(2, 8)}-${pnr.slice(8)}`,
        placeName,
        placeAddress,
        officer.username,
        coordinator.username,
      ];
      for (const needle of needles) expect(body, needle).not.toContain(needle);
      expect(body).not.toMatch(/^(ATTENDEE|ORGANIZER)/m);
    });

    it('is logged as meeting:export with the meeting id', async () => {
      const rows = await superQuery(
        t,
        `select actor_user_id from audit_log where action = 'meeting:export' and record_id = $1`,
        [meetingId],
      );
      expect(rows).toEqual([{ actor_user_id: coordinator.id }]);
    });
  });

  describe('recording a meeting as held', () => {
    const held = (meetingId: string, as = cookie) =>
      t.app.inject({
        method: 'POST',
        url: `/api/v1/meetings/${meetingId}/held`,
        headers: { origin: t.origin },
        cookies: { utvag_session: as },
        payload: {},
      });

    it('refuses a meeting that has not started yet with 422 and changes nothing', async () => {
      const r = await book({ startsAt: hoursAhead(60), durationMinutes: 60, staffUserId: coordinator.id, placeId });
      const answer = await held(r.json().meeting.id);
      expect(answer.statusCode).toBe(422);
      expect(answer.json().error.messageKey).toBe('errors.meeting_not_started');
      const [row] = await superQuery(t, 'select status, held_at from meetings where id = $1', [r.json().meeting.id]);
      expect(row).toEqual({ status: 'booked', held_at: null });
    });

    it('marks a started first meeting held, sets the case’s first_meeting_held_at once, and logs it', async () => {
      const r = await book({ startsAt: hoursAhead(70), durationMinutes: 60, staffUserId: coordinator.id, placeId });
      const id = r.json().meeting.id;
      await superQuery(
        t,
        `update meetings set starts_at = now() - interval '30 minutes', ends_at = now() + interval '30 minutes' where id = $1`,
        [id],
      );
      const first = await held(id);
      expect(first.statusCode, first.body).toBe(200);
      expect(first.json().meeting.status).toBe('held');
      const [caseRow] = await superQuery<{ first_meeting_held_at: Date }>(
        t,
        'select first_meeting_held_at from cases where id = $1',
        [caseId],
      );
      expect(caseRow!.first_meeting_held_at).toBeInstanceOf(Date);
      const again = await held(id);
      expect(again.statusCode).toBe(200);
      const [after] = await superQuery<{ first_meeting_held_at: Date }>(
        t,
        'select first_meeting_held_at from cases where id = $1',
        [caseId],
      );
      expect(after!.first_meeting_held_at).toEqual(caseRow!.first_meeting_held_at);
      const logged = await superQuery(
        t,
        `select count(*)::int as n from audit_log where action = 'meeting:held' and record_id = $1`,
        [id],
      );
      expect(logged).toEqual([{ n: 1 }]);
    });
  });
});
