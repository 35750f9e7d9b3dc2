import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.ts';
import { client, marker, newCase, newOrganisation, staff, superQuery, type Signed } from './consent-fixtures.ts';

describe('the meeting record: the person’s own words, encrypted, for the team only', () => {
  let t: TestEnv;
  let api: ReturnType<typeof client>;
  let coordinator: Signed;
  let officer: Signed;
  let partner: Signed;
  let caseId: string;
  const motivation = marker('Motivation');
  const situation = marker('Situation');
  const othersPresent = marker('Sambo');
  const body = () => ({
    participantUserIds: [coordinator.id, officer.id],
    othersPresent,
    motivation,
    situation,
    explained: 'Villkor, samtycke och hur skyddat boende fungerar.',
  });

  beforeAll(async () => {
    t = await createTestEnv();
    api = client(t);
    coordinator = await staff(t, ['coordinator'], undefined);
    officer = await staff(t, ['hotline_officer'], coordinator.programmeId);
    partner = await staff(t, ['partner_caseworker'], coordinator.programmeId, await newOrganisation(t));
    caseId = await newCase(t, coordinator.programmeId, [coordinator.id, officer.id, partner.id]);
  });
  afterAll(async () => t.close());

  it('records the meeting and gives it back decrypted to the team', async () => {
    const created = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/meeting-records`, body());
    expect(created.statusCode, created.body).toBe(200);
    const list = await api.get(officer.cookie, `/api/v1/cases/${caseId}/meeting-records`);
    expect(list.statusCode).toBe(200);
    expect(list.json().meetingRecords[0]).toMatchObject({
      motivation,
      situation,
      othersPresent,
      recordedBy: coordinator.id,
    });
    const raw = JSON.stringify(await superQuery(t, 'select * from meeting_records where case_id = $1', [caseId]));
    for (const secret of [motivation, situation, othersPresent]) expect(raw).not.toContain(secret);
  });

  it('refuses a participant from outside the programme and a meeting of another case', async () => {
    const outsider = await staff(t, ['coordinator'], undefined);
    const participant = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/meeting-records`, {
      ...body(),
      participantUserIds: [coordinator.id, outsider.id],
    });
    expect(participant.statusCode).toBe(422);
    expect(participant.json().error.fields[0]).toMatchObject({
      path: 'participantUserIds.1',
      messageKey: 'validation.unknown_participant',
    });
    const meeting = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/meeting-records`, {
      ...body(),
      meetingId: randomUUID(),
    });
    expect(meeting.statusCode).toBe(422);
  });

  it('never shows a partner the person’s account, even on the team', async () => {
    expect((await api.get(partner.cookie, `/api/v1/cases/${caseId}/meeting-records`)).statusCode).toBeOneOf([403, 404]);
    expect((await api.post(partner.cookie, `/api/v1/cases/${caseId}/meeting-records`, body())).statusCode).toBeOneOf([
      403, 404,
    ]);
  });

  it('keeps the person’s words out of the audit log', async () => {
    const log = JSON.stringify(await superQuery(t, 'select * from audit_log'));
    for (const secret of [motivation, situation, othersPresent]) expect(log).not.toContain(secret);
    expect(log).toContain('meeting_record:read');
  });
});
