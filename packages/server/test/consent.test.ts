import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withTransaction } from '../src/db/database.ts';
import { coverageOfCase } from '../src/modules/assessment/consent-coverage.ts';
import { createTestEnv, type TestEnv } from './harness.ts';
import {
  client,
  marker,
  newCase,
  newOrganisation,
  PDF_BASE64,
  staff,
  superQuery,
  type Signed,
} from './consent-fixtures.ts';

describe('the consent register decides which partner organisation sees which sections, and withdrawal ends it at once', () => {
  let t: TestEnv;
  let api: ReturnType<typeof client>;
  let coordinator: Signed;
  let orgA: string, orgB: string, orgC: string, orgOutside: string;
  let partnerA: Signed, partnerB: Signed, partnerOutside: Signed;
  let caseId: string;
  let attachmentId: string;
  let consentId: string;
  const purposesA = marker('SyfteA');
  const witness = marker('Vittne');
  const withdrawalNote = marker('Återkallat');
  const basisPurposes = marker('Uppgiftsskyldighet');
  const filename = `${marker('Samtycke')}.pdf`;

  const consentBody = (attachment: string) => ({
    organisations: [
      { organisationId: orgA, purposes: purposesA, sections: ['identity', 'plan'] },
      { organisationId: orgB, purposes: 'Arbetsmarknadsinsatser', sections: ['plan'] },
      { organisationId: orgC, purposes: 'Skuldsanering', sections: ['economy'] },
    ],
    givenAt: new Date(Date.now() - 60_000).toISOString(),
    method: 'signed_paper',
    attachmentId: attachment,
  });
  const counts = async () => {
    const [row] = await superQuery<{ consents: string; orgs: string }>(
      t,
      'select (select count(*) from consents) as consents, (select count(*) from consent_organisations) as orgs',
    );
    return row!;
  };

  beforeAll(async () => {
    t = await createTestEnv();
    api = client(t);
    coordinator = await staff(t, ['coordinator'], undefined);
    const p = coordinator.programmeId;
    [orgA, orgB, orgC, orgOutside] = await Promise.all([
      newOrganisation(t),
      newOrganisation(t, 'employment_service'),
      newOrganisation(t, 'enforcement_authority'),
      newOrganisation(t, 'region'),
    ]);
    partnerA = await staff(t, ['partner_caseworker'], p, orgA);
    partnerB = await staff(t, ['partner_caseworker'], p, orgB);
    partnerOutside = await staff(t, ['partner_caseworker'], p, orgOutside);
    caseId = await newCase(t, p, [coordinator.id, partnerA.id, partnerB.id, partnerOutside.id], {
      identity: { name: marker('Namn') },
    });
    const upload = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/attachments`, {
      filename,
      contentType: 'application/pdf',
      dataBase64: PDF_BASE64,
    });
    expect(upload.statusCode, upload.body).toBe(200);
    attachmentId = upload.json().id;
  });
  afterAll(async () => t.close());

  it('refuses consent to an unknown organisation with a bilingual message and writes nothing', async () => {
    const before = await counts();
    const body = consentBody(attachmentId);
    body.organisations[1] = { organisationId: randomUUID(), purposes: 'x', sections: ['plan'] };
    const response = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/consents`, body);
    expect(response.statusCode).toBe(422);
    const field = response
      .json()
      .error.fields.find((f: { path: string }) => f.path === 'organisations.1.organisationId');
    expect(field.messageKey).toBe('validation.unknown_organisation');
    expect(field.messages.sv).toMatch(/Organisationen finns inte/);
    expect(field.messages.en).toMatch(/not part of the programme/);
    expect(await counts()).toEqual(before);
  });

  it('refuses a signed-paper consent without its scanned form, and an oral one without a witness', async () => {
    const before = await counts();
    const { attachmentId: _, ...paperWithout } = consentBody(attachmentId);
    const paper = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/consents`, paperWithout);
    expect(paper.statusCode).toBe(422);
    expect(paper.json().error.fields[0]).toMatchObject({
      path: 'attachmentId',
      messageKey: 'validation.attachment_required',
    });
    const oral = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/consents`, {
      ...paperWithout,
      method: 'oral_with_witness',
    });
    expect(oral.statusCode).toBe(422);
    expect(oral.json().error.fields[0]).toMatchObject({
      path: 'witnessName',
      messageKey: 'validation.witness_required',
    });
    expect(await counts()).toEqual(before);
  });

  it("refuses another case's attachment as the scanned form", async () => {
    const other = await newCase(t, coordinator.programmeId, [coordinator.id]);
    const upload = await api.post(coordinator.cookie, `/api/v1/cases/${other}/attachments`, {
      filename: 'annat.pdf',
      contentType: 'application/pdf',
      dataBase64: PDF_BASE64,
    });
    const response = await api.post(
      coordinator.cookie,
      `/api/v1/cases/${caseId}/consents`,
      consentBody(upload.json().id),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().error.fields[0].messageKey).toBe('validation.unknown_attachment');
  });

  it('records a consent to three organisations and lists it decrypted with purposes, sections and status', async () => {
    const response = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/consents`, consentBody(attachmentId));
    expect(response.statusCode, response.body).toBe(200);
    consentId = response.json().id;
    const list = await api.get(coordinator.cookie, `/api/v1/cases/${caseId}/consents`);
    expect(list.statusCode).toBe(200);
    const [consent] = list.json().consents;
    expect(consent).toMatchObject({ id: consentId, method: 'signed_paper', status: 'current', attachmentId });
    const a = consent.organisations.find((o: { organisationId: string }) => o.organisationId === orgA);
    expect(a).toMatchObject({ purposes: purposesA, sections: ['identity', 'plan'] });
    expect(consent.organisations).toHaveLength(3);
    // SECURITY: the purposes are ciphertext at rest.
    const raw = await superQuery(t, 'select purposes from consent_organisations where consent_id = $1', [consentId]);
    expect(JSON.stringify(raw)).not.toContain(purposesA);
  });

  it('gives each consented organisation exactly the sections its entry lists, and an outside organisation nothing', async () => {
    const coverage = await withTransaction(t.database.db, { programmeId: coordinator.programmeId }, (tx) =>
      coverageOfCase(tx, coordinator.programmeId, caseId),
    );
    expect(coverage[orgA]).toEqual(['identity', 'plan']);
    expect(coverage[orgB]).toEqual(['plan']);
    expect(coverage[orgC]).toEqual(['economy']);
    expect(coverage[orgOutside]).toBeUndefined();
    // Another programme's view of the same case id is empty (row-level security and the scoping).
    const elsewhere = await staff(t, ['coordinator'], undefined);
    const foreign = await withTransaction(t.database.db, { programmeId: elsewhere.programmeId }, (tx) =>
      coverageOfCase(tx, elsewhere.programmeId, caseId),
    );
    expect(foreign).toEqual({});
  });

  it('lets a partner caseworker read only the sections consent covers, and one outside the consent nothing', async () => {
    const asA = await api.get(partnerA.cookie, `/api/v1/cases/${caseId}`);
    expect(asA.statusCode).toBe(200);
    expect(asA.json().identity).not.toBeNull();
    expect(asA.json().checklists).toBeNull();
    // The acute alarm belongs to the threat picture, which no consent opens to a partner.
    expect(asA.json().acute).toBeNull();
    const asB = await api.get(partnerB.cookie, `/api/v1/cases/${caseId}`);
    expect(asB.statusCode).toBe(200);
    expect(asB.json().identity).toBeNull();
    const outside = await api.get(partnerOutside.cookie, `/api/v1/cases/${caseId}`);
    expect(outside.statusCode).toBe(404);
  });

  it('never lets a partner read the consent register, nor one outside the consent anything of this case', async () => {
    for (const url of [`/api/v1/cases/${caseId}/consents`, `/api/v1/attachments/${attachmentId}`]) {
      expect((await api.get(partnerOutside.cookie, url)).statusCode).toBe(404);
    }
    expect((await api.get(partnerOutside.cookie, `/api/v1/cases/${caseId}/conditions-signatures`)).statusCode).toBe(
      404,
    );
  });

  it('serves the scanned form as a download to the team, and logs the read', async () => {
    const response = await api.get(coordinator.cookie, `/api/v1/attachments/${attachmentId}`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/pdf');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="/);
    expect(response.rawPayload.toString('base64')).toBe(PDF_BASE64);
    const rows = await superQuery(t, "select * from audit_log where action = 'attachment:read' and record_id = $1", [
      attachmentId,
    ]);
    expect(rows).toHaveLength(1);
  });

  it('removes access at once when consent is withdrawn: the same requests before and after', async () => {
    const sequence = async () => {
      const coverage = await withTransaction(t.database.db, { programmeId: coordinator.programmeId }, (tx) =>
        coverageOfCase(tx, coordinator.programmeId, caseId),
      );
      const view = (await api.get(partnerA.cookie, `/api/v1/cases/${caseId}`)).statusCode;
      return { covered: Object.keys(coverage).sort(), view };
    };
    const before = await sequence();
    expect(before.covered).toEqual([orgA, orgB, orgC].sort());
    expect(before.view).toBe(200);
    // A withdrawal dated a few minutes ahead (within clock tolerance) still takes effect now.
    const withdraw = await api.post(coordinator.cookie, `/api/v1/consents/${consentId}/withdraw`, {
      withdrawnAt: new Date(Date.now() + 4 * 60_000).toISOString(),
      note: withdrawalNote,
    });
    expect(withdraw.statusCode, withdraw.body).toBe(200);
    const after = await sequence();
    expect(after.covered).toEqual([]);
    expect(after.view).toBe(404);
    const list = await api.get(coordinator.cookie, `/api/v1/cases/${caseId}/consents`);
    expect(list.json().consents[0].status).toBe('withdrawn');
    // The note is kept, as ciphertext, and read back with the consent.
    expect(list.json().consents[0].withdrawalNote).toBe(withdrawalNote);
    const [raw] = await superQuery<{ note: Buffer }>(
      t,
      'select withdrawal_note_enc as note from consents where id = $1',
      [consentId],
    );
    expect(raw!.note).toBeInstanceOf(Buffer);
    expect(raw!.note.includes(Buffer.from(withdrawalNote))).toBe(false);
    const again = await api.post(coordinator.cookie, `/api/v1/consents/${consentId}/withdraw`, {});
    expect(again.statusCode).toBe(422);
    expect(again.json().error.fields[0].messageKey).toBe('validation.already_withdrawn');
  });

  it('records an oral consent with its witness encrypted, and a legal basis that covers an organisation by law', async () => {
    const oral = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/consents`, {
      organisations: [{ organisationId: orgB, purposes: 'Arbete', sections: ['plan'] }],
      givenAt: new Date().toISOString(),
      method: 'oral_with_witness',
      witnessName: witness,
    });
    expect(oral.statusCode, oral.body).toBe(200);
    const raw = await superQuery(t, 'select witness_enc from consents where id = $1', [oral.json().id]);
    expect(JSON.stringify(raw)).not.toContain(witness);
    const missingText = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/legal-bases`, {
      organisationId: orgC,
      basis: 'other_provision',
      purposes: 'Utmätning',
      sections: ['economy'],
      validFrom: new Date(Date.now() - 1000).toISOString(),
    });
    expect(missingText.statusCode).toBe(422);
    expect(missingText.json().error.fields[0].messageKey).toBe('validation.provision_text_required');
    const unknown = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/legal-bases`, {
      organisationId: randomUUID(),
      basis: 'osl_10_28',
      purposes: 'x',
      sections: ['economy'],
      validFrom: new Date(Date.now() - 1000).toISOString(),
    });
    expect(unknown.statusCode).toBe(422);
    const basis = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/legal-bases`, {
      organisationId: orgC,
      basis: 'osl_10_28',
      purposes: basisPurposes,
      sections: ['economy'],
      validFrom: new Date(Date.now() - 1000).toISOString(),
    });
    expect(basis.statusCode, basis.body).toBe(200);
    const listed = await api.get(coordinator.cookie, `/api/v1/cases/${caseId}/legal-bases`);
    expect(listed.json().legalBases).toEqual([
      expect.objectContaining({
        organisationId: orgC,
        basis: 'osl_10_28',
        purposes: basisPurposes,
        current: true,
        sections: ['economy'],
      }),
    ]);
    const [rawBasis] = await superQuery<{ purposes: Buffer }>(
      t,
      'select purposes_enc as purposes from legal_bases where id = $1',
      [basis.json().id],
    );
    expect(rawBasis!.purposes.includes(Buffer.from(basisPurposes))).toBe(false);
    const coverage = await withTransaction(t.database.db, { programmeId: coordinator.programmeId }, (tx) =>
      coverageOfCase(tx, coordinator.programmeId, caseId),
    );
    expect(coverage).toEqual({ [orgB]: ['plan'], [orgC]: ['economy'] });
  });

  it('refuses files that are not what they claim, and bodies over the limit', async () => {
    const fake = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/attachments`, {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      dataBase64: Buffer.from('<html><script>alert(1)</script>').toString('base64'),
    });
    expect(fake.statusCode).toBe(422);
    const html = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/attachments`, {
      filename: 'x.html',
      contentType: 'text/html',
      dataBase64: PDF_BASE64,
    });
    expect(html.statusCode).toBe(422);
    const big = Buffer.alloc(5 * 1024 * 1024 + 1, 0x20);
    big.write('%PDF-', 'latin1');
    const tooBig = await api.post(coordinator.cookie, `/api/v1/cases/${caseId}/attachments`, {
      filename: 'x.pdf',
      contentType: 'application/pdf',
      dataBase64: big.toString('base64'),
    });
    expect([413, 422]).toContain(tooBig.statusCode);
  });

  it('keeps every name, purpose, witness and file name out of the audit log', async () => {
    const log = JSON.stringify(await superQuery(t, 'select * from audit_log'));
    for (const secret of [purposesA, witness, filename, withdrawalNote, basisPurposes]) {
      expect(log).not.toContain(secret);
    }
    const disclosures = await superQuery(t, "select recipient from audit_log where action = 'consent:write'");
    expect(disclosures.length).toBeGreaterThan(0);
  });
});
