import { HOTLINE_THREAT_CHECKLIST_V1, MAPPING_V1 } from '@utvag/domain';
import type { Browser, Locator, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ApiSession } from './support/api.ts';
import { expectAccessible, launchBrowser, newPerson, screenshot } from './support/browser.ts';
import { startProduct, type RunningProduct } from './support/server.ts';
import { ADMIN, COORDINATOR, enrolStaff, firstRun, policeOrganisation } from './support/staff.ts';
import { freshTotp, type TotpUser } from './support/totp.ts';

/**
 * The mapping (kartläggning) in real Chromium against the real `utvag start`: the coordinator
 * fills in the life areas of a case and saves them, then starts a second mapping from the first,
 * changes two areas and sees what changed; in Swedish and in English, axe clean. The texts are
 * searched for in the database files' tables: they are ciphertext there.
 */

const HOUSING_OWN = 'Bor hos min syster i Alingsås, det kan inte vara länge till.';
const DEBTS_STAFF = 'Två ärenden hos Kronofogden, ca 48 000 kr. Skuld till en person i gruppen.';
const HOUSING_GOAL = 'Ett eget förstahandskontrakt';

describe('the mapping of life areas in a real browser', () => {
  let product: RunningProduct;
  let browser: Browser;
  let page: Page;
  let caseId: string;
  const users = new Map<string, TotpUser>();
  const ids = new Map<string, string>();

  const signIn = async (who: { username: string }) => {
    const session = new ApiSession(product.origin);
    const user = users.get(who.username)!;
    await session.post('/api/v1/auth/login', { username: user.username, password: user.password });
    await session.post('/api/v1/auth/totp', { code: await freshTotp(user) });
    return session;
  };

  /** The fieldset of one life area of the form, by its Swedish or English name. */
  const area = (name: string): Locator => page.getByRole('group', { name, exact: true });

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
    users.set(ADMIN.username, await firstRun(product));
    const admin = await signIn(ADMIN);
    const police = await policeOrganisation(admin);
    await enrolStaff(product, admin, [COORDINATOR], () => police, { ids, users });
    // The coordinator takes the call further themselves, and so is on the case's team.
    const coordinatorApi = await signIn(COORDINATOR);
    const call = await coordinatorApi.post<{ case: { id: string } }>('/api/v1/calls', {
      channel: 'hotline',
      callerType: 'self',
      decision: 'take_further',
      checklist: {
        instrumentId: HOTLINE_THREAT_CHECKLIST_V1.id,
        instrumentVersion: HOTLINE_THREAT_CHECKLIST_V1.version,
        answers: {
          safe_now: 'yes',
          safe_place_tonight: 'yes',
          known_time_place: 'no',
          direct_threats: 'yes',
          threats_against_family: 'no',
          weapons: 'unknown',
          group_knows_plan: 'no',
          recent_violence: '0',
          children_in_home: 'no',
        },
      },
      person: { name: 'Kalle Kartlagd' },
    });
    caseId = call.case.id;
    const person = await newPerson(browser, product.origin, { timezoneId: 'Europe/Stockholm' });
    await coordinatorApi.shareWith(person.context);
    page = person.page;
  });

  afterEach(async (context) => {
    if (context.task.result?.state !== 'fail') return;
    console.error(`utvag start output so far:\n${product?.output().slice(-10_000)}`);
    console.error(`page ${page?.url()}:\n${await page?.locator('main').ariaSnapshot().catch(String)}`);
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('fills in a mapping on the case and saves it, the texts encrypted in the database', async () => {
    await page.goto(`/cases/${caseId}?tab=mapping`);
    await page.getByRole('tab', { name: 'Kartläggning', selected: true }).waitFor();
    await page.getByText('Ingen kartläggning ännu.').waitFor();
    await page.getByRole('button', { name: 'Ny kartläggning', exact: true }).click();
    for (const a of MAPPING_V1.areas) await area(a.name.sv).waitFor();

    const housing = area('Boende');
    await housing.getByRole('radio', { name: 'Stort behov' }).check();
    await housing.getByLabel('Situationen med personens egna ord').fill(HOUSING_OWN);
    await housing.getByLabel('Personens eget mål').fill(HOUSING_GOAL);
    const debts = area('Skulder');
    await debts.getByRole('radio', { name: 'Stort behov' }).check();
    await debts.getByLabel('Situationen med personalens ord').fill(DEBTS_STAFF);
    await debts.getByLabel('Hinder').fill('Vill inte kontakta Kronofogden själv.');
    await area('Utbildning').getByRole('radio', { name: 'Inget behov' }).check();
    await area('Utbildning').getByLabel('Möjligheter').fill('Gymnasiet klart, el-programmet.');
    // Left as it is: substance use stays "not yet known", never "no need".
    expect(await area('Missbruk och beroende').getByRole('radio', { name: 'Inte känt än' }).isChecked()).toBe(true);
    await expectAccessible(page, 'new mapping form');
    await screenshot(page, 'mapping-form', { fullPage: false });

    await page.getByRole('button', { name: 'Spara kartläggningen' }).click();
    const saved = page.getByRole('region', { name: /^Kartläggning \d/ });
    await saved.waitFor();
    await saved.getByText(HOUSING_OWN).waitFor();
    await saved.getByText(DEBTS_STAFF).waitFor();
    const substance = saved.getByRole('region', { name: 'Missbruk och beroende' });
    await substance.getByText('Inte känt än').waitFor();

    const { rows } = await product.sql<{ content: string }>(
      "SELECT encode(content_enc, 'escape') AS content FROM mapping_areas",
    );
    expect(rows).toHaveLength(MAPPING_V1.areas.length);
    for (const row of rows) {
      for (const secret of [HOUSING_OWN, DEBTS_STAFF, HOUSING_GOAL, 'Kronofogden'])
        expect(row.content).not.toContain(secret);
    }
  });

  it('starts a second mapping from the first and shows what changed, in Swedish and English', async () => {
    await page.getByRole('button', { name: 'Ny kartläggning utifrån den förra' }).click();
    const housing = area('Boende');
    // Started from the previous one: its texts are there to revise.
    expect(await housing.getByLabel('Situationen med personens egna ord').inputValue()).toBe(HOUSING_OWN);
    await housing.getByRole('radio', { name: 'Visst behov' }).check();
    await housing.getByLabel('Situationen med personalens ord').fill('Har fått en lägenhet på prov via kommunen.');
    await area('Arbetslivserfarenhet och yrkeskunnande').getByRole('radio', { name: 'Stort behov' }).check();
    await page.getByRole('button', { name: 'Spara kartläggningen' }).click();

    const changes = page.getByRole('region', { name: 'Ändrat sedan förra kartläggningen' });
    await changes.waitFor();
    await changes.getByText('behov Stort behov → Visst behov').waitFor();
    await changes.getByText(/ändrat: Situationen med personalens ord/).waitFor();
    await changes.getByText('behov Inte känt än → Stort behov').waitFor();
    expect(await changes.getByRole('listitem').count()).toBe(2);
    await page.getByRole('region', { name: 'Tidigare kartläggningar' }).waitFor();
    await expectAccessible(page, 'mapping with changes');
    await screenshot(page, 'mapping');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('tab', { name: 'Mapping', selected: true }).waitFor();
    const changesEn = page.getByRole('region', { name: 'Changed since the previous mapping' });
    await changesEn.getByText('need Great need → Some need').waitFor();
    await page.getByRole('region', { name: 'Housing' }).waitFor();
    await expectAccessible(page, 'mapping with changes in English');
    await screenshot(page, 'mapping-en');
    await page.getByRole('button', { name: 'Svenska' }).click();

    const { rows } = await product.sql<{ n: string }>(
      'SELECT count(*) AS n FROM mappings WHERE previous_id IS NOT NULL',
    );
    expect(Number(rows[0]!.n)).toBe(1);
  });
});
