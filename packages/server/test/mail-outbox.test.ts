import { randomUUID } from 'node:crypto';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction, type Tx } from '../src/db/database.ts';
import { dutyShifts, users } from '../src/db/schema.ts';
import { queueStaffMail, startMailOutbox, type OutboxKind } from '../src/modules/notifications/mail-outbox.ts';
import { api } from './api.ts';
import { newCase, staff, type Signed } from './factories.ts';
import { createTestEnv, type TestEnv } from './harness.ts';
import { startSmtpPeer, type SmtpPeer } from './smtp-peer.ts';
import { CALM_HOTLINE_ANSWERS, HOTLINE_CHECKLIST_ID } from './support.ts';

type OutboxRow = {
  id: string;
  kind: string;
  case_code: string;
  attempts: number;
  sent_at: Date | null;
  abandoned_at: Date | null;
  last_error: string | null;
};

const quiet = { info: () => {}, warn: () => {}, error: () => {} };

describe('staff e-mail goes through the outbox: never lost, sent once', () => {
  let t: TestEnv;
  let smtp: SmtpPeer;
  let officer: Signed;
  let coordinator: Signed;
  const sql = <T = Record<string, unknown>>(text: string, values: unknown[] = []) => api(t).sql<T>(text, values);
  /** Queues one mail in `tx` as a service would. */
  const queue = (tx: Tx, caseId: string, caseCode: string, recipient: string, kind: OutboxKind = 'break_glass') =>
    queueStaffMail(tx, t.deps, {
      programmeId: officer.programmeId,
      kind,
      caseId,
      caseCode,
      recipientUserIds: [recipient],
    });

  beforeAll(async () => {
    smtp = await startSmtpPeer();
    t = await createTestEnv({ UTVAG_SMTP_URL: smtp.url });
    officer = await staff(t, ['hotline_officer'], undefined);
    coordinator = await staff(t, ['coordinator'], officer.programmeId, officer.organisationId);
    await withTransaction(t.database.db, { programmeId: officer.programmeId }, async (tx) => {
      await tx.update(users).set({ email: 'jour@example.test' }).where(eq(users.id, coordinator.id));
      await tx.insert(dutyShifts).values({
        programmeId: officer.programmeId,
        userId: coordinator.id,
        startsAt: new Date(Date.now() - 3600_000),
        endsAt: new Date(Date.now() + 8 * 3600_000),
      });
    });
  });
  afterAll(async () => {
    await t.close();
    await smtp.stop();
  });

  it('saves a call taken further while the mail server refuses, and delivers its alarm once the server takes mail again', async () => {
    smtp.refuse(true);
    const before = smtp.mails.length;
    const name = `Outbox Person ${randomUUID()}`;
    const response = await api(t).post(officer.cookie, '/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      summary: 'Vill lämna gänget, hotad.',
      decision: 'take_further',
      checklist: { instrumentId: HOTLINE_CHECKLIST_ID, instrumentVersion: 1, answers: CALM_HOTLINE_ANSWERS },
      person: { name },
    });
    expect(response.statusCode, response.body).toBe(200);
    const code = response.json().case.code as string;

    // The sender tried, the server said 451: the mail waits for its next attempt, not lost.
    await expect
      .poll(async () => (await sql<OutboxRow>('select * from mail_outbox where case_code = $1', [code]))[0]?.attempts, {
        timeout: 5000,
      })
      .toBeGreaterThanOrEqual(1);
    const [waiting] = await sql<OutboxRow>('select * from mail_outbox where case_code = $1', [code]);
    expect(waiting!.sent_at).toBeNull();
    expect(waiting!.kind).toBe('case_attention');
    // Only the error's name is kept, never the server's reply (it may quote the address).
    expect(waiting!.last_error).not.toMatch(/jour@example|451|Try again/);
    // SECURITY: nothing of the person in the row.
    expect(JSON.stringify(waiting)).not.toContain(name);
    expect(smtp.mails.length).toBe(before);

    // The server is back and the retry time has come (moved forward here instead of waiting 10 s).
    smtp.refuse(false);
    await sql('update mail_outbox set next_attempt_at = now() where case_code = $1', [code]);
    await expect.poll(() => smtp.mails.filter((m) => m.subject.includes(code)).length, { timeout: 5000 }).toBe(1);
    const mail = smtp.mails.find((m) => m.subject.includes(code))!;
    expect(mail.to).toEqual(['jour@example.test']);
    expect(mail.raw).not.toContain(name);
    // The peer has the mail a moment before the sender commits its sent_at: wait for the commit.
    await expect
      .poll(async () => (await sql<OutboxRow>('select * from mail_outbox where case_code = $1', [code]))[0]?.sent_at, {
        timeout: 5000,
      })
      .not.toBeNull();
  });

  it('delivers every queued mail exactly once with two senders draining the same database', async () => {
    const caseId = await newCase(t, officer.programmeId, [coordinator.id]);
    const batch = randomUUID().slice(0, 6).toUpperCase();
    const codes = Array.from({ length: 45 }, (_, i) => `DUO${batch}-${i}`);
    // A second instance's sender beside the one the harness runs, both polling fast.
    const second = startMailOutbox(t.deps, quiet, 5);
    try {
      await withTransaction(t.database.db, {}, async (tx) => {
        for (const caseCode of codes) await queue(tx, caseId, caseCode, coordinator.id, 'case_attention');
      });
      const delivered = () => smtp.mails.filter((m) => m.subject.includes(`DUO${batch}-`));
      await expect.poll(() => delivered().length, { timeout: 10_000 }).toBe(codes.length);
      // A little longer: a double send would arrive now.
      await new Promise((r) => setTimeout(r, 300));
      const subjects = delivered().map((m) => /DUO\w+-\d+/.exec(m.subject)![0]);
      expect(subjects.sort()).toEqual([...codes].sort());
      const [{ n }] = (await sql<{ n: number }>(
        'select count(*)::int as n from mail_outbox where case_code like $1 and sent_at is not null',
        [`DUO${batch}-%`],
      )) as [{ n: number }];
      expect(n).toBe(codes.length);
    } finally {
      await second.stop();
    }
  });

  it('queues nothing when the transaction that would tell of it rolls back', async () => {
    const caseId = await newCase(t, officer.programmeId, [coordinator.id]);
    const caseCode = `ROLLBACK-${randomUUID().slice(0, 6)}`;
    await expect(
      withTransaction(t.database.db, {}, async (tx) => {
        await queue(tx, caseId, caseCode, coordinator.id);
        throw new Error('the call could not be saved');
      }),
    ).rejects.toThrow('the call could not be saved');
    expect(await sql('select 1 from mail_outbox where case_code = $1', [caseCode])).toEqual([]);
  });

  it('sends nothing to a recipient deactivated before the mail went out, and closes the row', async () => {
    const leaver = await staff(t, ['coordinator'], officer.programmeId, officer.organisationId);
    await sql("update users set email = 'slutat@example.test', status = 'deactivated' where id = $1", [leaver.id]);
    const caseId = await newCase(t, officer.programmeId, [leaver.id]);
    const caseCode = `LEFT-${randomUUID().slice(0, 6)}`;
    await withTransaction(t.database.db, {}, (tx) => queue(tx, caseId, caseCode, leaver.id));
    await expect
      .poll(
        async () => (await sql<OutboxRow>('select * from mail_outbox where case_code = $1', [caseCode]))[0]?.last_error,
        { timeout: 5000 },
      )
      .toBe('no_address');
    const [row] = await sql<OutboxRow>('select * from mail_outbox where case_code = $1', [caseCode]);
    expect(row!.abandoned_at).not.toBeNull();
    expect(row!.sent_at).toBeNull();
    expect(smtp.mails.some((m) => m.to.includes('slutat@example.test'))).toBe(false);
  });
});
