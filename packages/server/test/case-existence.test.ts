import { randomUUID } from 'node:crypto';
import { ROLES, type Role } from '@utvag/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { insertCaseWithIdentity } from '../src/modules/cases/case-crypto.ts';
import { createTestEnv, createUser, signIn, type TestEnv, type TestUser } from './harness.ts';

type Operation = { method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE'; path: string };

/**
 * SECURITY: inside a programme "not found" and "not yours" are one answer. For every case route
 * in the OpenAPI document and every role, a real case the caller may not reach must answer
 * exactly like a random id: same status, same body.
 */
describe('no case route tells an outsider whether a case exists', () => {
  let t: TestEnv;
  let owner: TestUser;
  let caseId: string;
  const outsiders: { label: string; cookie: string; mayBreakGlass: boolean }[] = [];
  let operations: Operation[] = [];

  beforeAll(async () => {
    t = await createTestEnv();
    owner = await createUser(t, { roles: ['coordinator'] });
    const programmeId = owner.programmeId;
    // Every role, new in the programme (so break-the-glass is closed to all), none on the team.
    for (const role of ROLES) {
      const user = await createUser(t, { roles: [role], programmeId, rolesSince: new Date() });
      outsiders.push({ label: `${role} outside the team`, cookie: await signIn(t, user), mayBreakGlass: false });
    }
    const seasoned = await createUser(t, { roles: ['coordinator'], programmeId });
    outsiders.push({
      label: 'seasoned coordinator outside the team (may break the glass)',
      cookie: await signIn(t, seasoned),
      mayBreakGlass: true,
    });
    // On the team, but without any consent covering their organisation: they may not open it.
    const teamPartner = await createUser(t, { roles: ['partner_caseworker'], programmeId });
    const teamCoach = await createUser(t, { roles: ['coach'], programmeId });
    for (const [label, user] of [
      ['partner caseworker on the team without consent', teamPartner],
      ['coach on the team without consent', teamCoach],
    ] as const) {
      outsiders.push({ label, cookie: await signIn(t, user), mayBreakGlass: false });
    }
    const elsewhere = await createUser(t, { roles: ['coordinator'] });
    outsiders.push({
      label: 'coordinator of another programme',
      cookie: await signIn(t, elsewhere),
      mayBreakGlass: false,
    });
    const foreignRoles: Role[] = ['hotline_officer', 'administrator'];
    for (const role of foreignRoles) {
      const user = await createUser(t, { roles: [role], programmeId: elsewhere.programmeId });
      outsiders.push({ label: `${role} of another programme`, cookie: await signIn(t, user), mayBreakGlass: false });
    }
    caseId = (
      await withTransaction(t.database.db, { programmeId }, (tx) =>
        insertCaseWithIdentity(tx, t.deps.keys, {
          programmeId,
          code: 'EX-2026-0001',
          state: 'inquiry',
          identity: { name: 'Finns Kanske' },
          teamUserIds: [owner.id, teamPartner.id, teamCoach.id],
          ownerUserId: owner.id,
        }),
      )
    ).caseId;
    await t.app.ready();
    const document = t.app.swagger() as { paths: Record<string, Record<string, unknown>> };
    operations = Object.entries(document.paths)
      .filter(([path]) => path.startsWith('/api/v1/cases/{id}'))
      .flatMap(([path, methods]) =>
        Object.keys(methods)
          .map((m) => m.toUpperCase())
          .filter((m): m is Operation['method'] => ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'].includes(m))
          .map((method) => ({ method, path })),
      );
  });
  afterAll(async () => t.close());

  const request = (op: Operation, id: string, cookie: string) =>
    t.app.inject({
      method: op.method,
      // Any further id in the path (a placement, an analysis) is random: only the case varies.
      url: op.path.replace('{id}', id).replace(/\{[^}]+\}/g, () => randomUUID()),
      headers: { origin: t.origin },
      cookies: { utvag_session: cookie },
      ...(op.method === 'GET' || op.method === 'DELETE'
        ? {}
        : { payload: { reason: 'Ett skäl som är långt nog för nödåtkomst' } }),
    });

  it('finds the case routes in the OpenAPI document, break-the-glass among them', () => {
    expect(operations.length).toBeGreaterThan(20);
    expect(operations).toContainEqual({ method: 'POST', path: '/api/v1/cases/{id}/break-glass' });
    expect(operations).toContainEqual({ method: 'GET', path: '/api/v1/cases/{id}' });
  });

  it('answers a real case exactly like a random id, for every case route and every outsider', async () => {
    const differences: string[] = [];
    for (const outsider of outsiders) {
      for (const op of operations) {
        // A coordinator who may break the glass would open the case: that is access, not a leak.
        if (outsider.mayBreakGlass && op.path.endsWith('/break-glass')) continue;
        const real = await request(op, caseId, outsider.cookie);
        const random = await request(op, randomUUID(), outsider.cookie);
        if (real.statusCode !== random.statusCode || real.body !== random.body) {
          differences.push(`${outsider.label}: ${op.method} ${op.path} → ${real.statusCode} vs ${random.statusCode}`);
        }
      }
    }
    expect(differences).toEqual([]);
    // Hundreds of requests: on a shared machine this takes longer than the default 30 s.
  }, 300_000);

  it('answers break-the-glass with 404 to everyone who may not break into the case, real or not', async () => {
    for (const outsider of // The new coordinator hears 'role too new' instead, for a real and a random id alike (above).
    outsiders.filter((o) => !o.mayBreakGlass && o.label !== 'coordinator outside the team')) {
      const real = await request({ method: 'POST', path: '/api/v1/cases/{id}/break-glass' }, caseId, outsider.cookie);
      expect(real.statusCode, outsider.label).toBe(404);
    }
  });
});
