import { endOfLocalDay, PROGRAMME_TIME_ZONE } from '@utvag/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { refreshDemoSchedule, seedDemo, type DemoAccount } from '../src/modules/demo/demo-seed.ts';
import { createTestEnv, signIn, type TestEnv } from './harness.ts';

describe('the demo instance', () => {
  let t: TestEnv;
  let accounts: DemoAccount[];
  beforeAll(async () => {
    t = await createTestEnv();
    accounts = (await seedDemo(t.deps))!;
    await refreshDemoSchedule(t.deps);
  });
  afterAll(async () => t.close());

  it('has one account per role and seeds only once', async () => {
    expect(accounts.map((a) => a.role).sort()).toEqual(
      [
        'administrator',
        'auditor',
        'coach',
        'coordinator',
        'hotline_officer',
        'management',
        'partner_caseworker',
      ].sort(),
    );
    expect(await seedDemo(t.deps)).toBeNull();
  });

  it('lets the demo hotline officer take a call further and book a first meeting today, after the seeded cases', async () => {
    const officer = accounts.find((a) => a.role === 'hotline_officer')!;
    const cookie = await signIn(t, { ...officer, id: '', programmeId: '', organisationId: '' });
    const headers = { origin: t.origin };
    const call = await t.app.inject({
      method: 'POST',
      url: '/api/v1/calls',
      headers,
      cookies: { utvag_session: cookie },
      payload: {
        channel: 'hotline',
        callerType: 'self',
        decision: 'take_further',
        person: { name: 'Demo Person (DEMO)' },
      },
    });
    expect(call.statusCode, call.body).toBe(200);
    expect(call.json().case.code).toMatch(/^DEMO-\d{4}-0004$/);
    const proposals = await t.app.inject({
      method: 'GET',
      url: `/api/v1/cases/${call.json().case.id}/meeting-proposals?durationMinutes=60`,
      cookies: { utvag_session: cookie },
    });
    expect(proposals.statusCode, proposals.body).toBe(200);
    // Late in the evening no full hour may be left today; otherwise the demo staff and places give slots.
    const minutesLeftToday = (endOfLocalDay(new Date(), PROGRAMME_TIME_ZONE).getTime() - Date.now()) / 60_000;
    if (minutesLeftToday > 90) expect(proposals.json().slots.length).toBeGreaterThan(0);
  });

  it('finds a seeded demo person by personnummer (the numbers are valid)', async () => {
    const coordinator = accounts.find((a) => a.role === 'coordinator')!;
    const cookie = await signIn(t, { ...coordinator, id: '', programmeId: '', organisationId: '' });
    const lookup = await t.app.inject({
      method: 'POST',
      url: '/api/v1/cases/lookup',
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      payload: { personnummer: '19950412-3150' },
    });
    expect(lookup.statusCode, lookup.body).toBe(200);
    expect(lookup.json().matches).toHaveLength(1);
    expect(lookup.json().matches[0].onTeam).toBe(true);
  });
});
