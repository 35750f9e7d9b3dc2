import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestEnv, type TestEnv } from './harness.ts';
import { client, marker, newCase, PDF_BASE64, staff, superQuery, type Signed } from './consent-fixtures.ts';

describe('the conditions agreement: versioned per programme, signed per case', () => {
  let t: TestEnv;
  let api: ReturnType<typeof client>;
  let coordinator: Signed;
  let administrator: Signed;
  let caseId: string;
  const sign = (body: unknown, as = coordinator) =>
    api.post(as.cookie, `/api/v1/cases/${caseId}/conditions-signatures`, body);

  beforeAll(async () => {
    t = await createTestEnv();
    api = client(t);
    coordinator = await staff(t, ['coordinator'], undefined);
    administrator = await staff(t, ['administrator'], coordinator.programmeId);
    caseId = await newCase(t, coordinator.programmeId, [coordinator.id]);
  });
  afterAll(async () => t.close());

  it('seeds version 1 from the default set on first read, once', async () => {
    const [first, second] = await Promise.all([
      api.get(coordinator.cookie, '/api/v1/conditions'),
      api.get(coordinator.cookie, '/api/v1/conditions'),
    ]);
    expect(first.statusCode).toBe(200);
    expect(first.json().version).toBe(1);
    expect(first.json().conditions.map((c: { id: string }) => c.id)).toContain('no_crime');
    expect(second.json().version).toBe(1);
    const rows = await superQuery(t, 'select * from conditions_versions where programme_id = $1', [
      coordinator.programmeId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('lets the administrator add the next version, refuses a coordinator, a stale version and informing', async () => {
    const conditions = [
      { id: 'no_crime', text: { sv: 'Inga brott.', en: 'No crime.' } },
      { id: 'talks', text: { sv: 'Samtal varje vecka.', en: 'Talks every week.' } },
    ];
    expect(
      (await api.post(coordinator.cookie, '/api/v1/admin/conditions', { version: 2, conditions })).statusCode,
    ).toBe(403);
    const informing = await api.post(administrator.cookie, '/api/v1/admin/conditions', {
      version: 2,
      conditions: [{ id: 'x', text: { sv: 'Jag ska vittna mot gruppen.', en: 'I will testify against the group.' } }],
    });
    expect(informing.statusCode).toBe(422);
    expect(informing.json().error.fields[0].messageKey).toBe('validation.informing_never_a_condition');
    const created = await api.post(administrator.cookie, '/api/v1/admin/conditions', { version: 2, conditions });
    expect(created.statusCode, created.body).toBe(200);
    expect(created.json().version).toBe(2);
    const stale = await api.post(administrator.cookie, '/api/v1/admin/conditions', { version: 2, conditions });
    expect(stale.statusCode).toBe(409);
    expect((await api.get(coordinator.cookie, '/api/v1/conditions')).json().version).toBe(2);
  });

  it('records a signature of a version and lists it with that version’s conditions', async () => {
    const response = await sign({ version: 1, signedAt: new Date().toISOString(), method: 'signed_paper' });
    expect(response.statusCode, response.body).toBe(200);
    const list = await api.get(coordinator.cookie, `/api/v1/cases/${caseId}/conditions-signatures`);
    expect(list.json().signatures).toEqual([
      expect.objectContaining({ version: 1, method: 'signed_paper', recordedBy: coordinator.id }),
    ]);
    expect(list.json().signatures[0].conditions.map((c: { id: string }) => c.id)).toContain('no_drugs');
  });

  it('refuses an unknown version, a signature in the future and an oral one without a witness', async () => {
    const unknown = await sign({ version: 9, signedAt: new Date().toISOString(), method: 'signed_paper' });
    expect(unknown.statusCode).toBe(422);
    expect(unknown.json().error.messageKey).toBe('validation.unknown_conditions_version');
    const future = await sign({
      version: 1,
      signedAt: new Date(Date.now() + 86400_000).toISOString(),
      method: 'signed_paper',
    });
    expect(future.statusCode).toBe(422);
    const oral = await sign({ version: 1, signedAt: new Date().toISOString(), method: 'oral_with_witness' });
    expect(oral.statusCode).toBe(422);
    const rows = await superQuery(t, 'select * from conditions_signatures where case_id = $1', [caseId]);
    expect(rows).toHaveLength(1);
  });

  it('keeps an oral signature’s witness as ciphertext, and a scanned signature’s attachment of this case only', async () => {
    const witness = marker('Vittne');
    const oral = await sign({
      version: 1,
      signedAt: new Date().toISOString(),
      method: 'oral_with_witness',
      witnessName: witness,
    });
    expect(oral.statusCode, oral.body).toBe(200);
    const [raw] = await superQuery<{ witness: Buffer }>(
      t,
      'select witness_enc as witness from conditions_signatures where id = $1',
      [oral.json().id],
    );
    expect(raw!.witness.includes(Buffer.from(witness))).toBe(false);

    const upload = (id: string) =>
      api.post(coordinator.cookie, `/api/v1/cases/${id}/attachments`, {
        filename: 'villkor.pdf',
        contentType: 'application/pdf',
        dataBase64: PDF_BASE64,
      });
    const own = await upload(caseId);
    expect(own.statusCode, own.body).toBe(200);
    const otherCaseId = await newCase(t, coordinator.programmeId, [coordinator.id]);
    const foreign = await upload(otherCaseId);
    expect(foreign.statusCode, foreign.body).toBe(200);
    const before = await superQuery(t, 'select id from conditions_signatures where case_id = $1', [caseId]);
    const wrong = await sign({
      version: 1,
      signedAt: new Date().toISOString(),
      method: 'signed_paper',
      attachmentId: foreign.json().id,
    });
    expect(wrong.statusCode).toBe(422);
    expect(wrong.json().error.fields).toEqual([
      expect.objectContaining({
        path: 'attachmentId',
        messageKey: 'validation.unknown_attachment',
        messages: expect.objectContaining({ en: expect.any(String) }),
      }),
    ]);
    expect(await superQuery(t, 'select id from conditions_signatures where case_id = $1', [caseId])).toHaveLength(
      before.length,
    );
    const scanned = await sign({
      version: 1,
      signedAt: new Date().toISOString(),
      method: 'signed_paper',
      attachmentId: own.json().id,
    });
    expect(scanned.statusCode, scanned.body).toBe(200);

    const list = (await api.get(coordinator.cookie, `/api/v1/cases/${caseId}/conditions-signatures`)).json();
    const byId = new Map(list.signatures.map((s: { id: string }) => [s.id, s]));
    expect(byId.get(oral.json().id)).toMatchObject({ witnessName: witness, attachmentId: null });
    expect(byId.get(scanned.json().id)).toMatchObject({ witnessName: null, attachmentId: own.json().id });
    const log = JSON.stringify(await superQuery(t, 'select * from audit_log'));
    expect(log).not.toContain(witness);
  });

  it('refuses the administrator the case’s signatures (separation of duties)', async () => {
    expect((await api.get(administrator.cookie, `/api/v1/cases/${caseId}/conditions-signatures`)).statusCode).toBe(404);
    const signed = await sign(
      { version: 1, signedAt: new Date().toISOString(), method: 'signed_paper' },
      administrator,
    );
    expect(signed.statusCode).toBe(404);
  });
});
