import { randomUUID } from 'node:crypto';
import { generateSync } from 'otplib';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { addVirtualAuthenticator, expectAccessible, launchBrowser, newPerson, screenshot } from './support/browser.ts';
import { startProduct, type RunningProduct } from './support/server.ts';

/**
 * The foundation, as people use it, in real Chromium against the real `utvag start`:
 * first-run setup with a passkey, an invited coordinator enrolling with TOTP, sign-in, idle
 * timeout, sign-out, an administrator kept away from cases, and the auditor's log check.
 * The steps build on each other (one installation, one story), so they run in order.
 */

type Person = { context: BrowserContext; page: Page };
type TotpUser = { username: string; password: string; secret: string; lastStep: number };

const ADMIN = {
  username: 'anna.admin',
  displayName: 'Anna Administratör',
  password: 'en lång mening om vintern i Norrland',
};
const COORDINATOR = {
  username: 'sam.samordnare',
  displayName: 'Sam Samordnare',
  password: 'kaffe och kanelbullar på fredag',
};
const AUDITOR = {
  username: 'lisa.revisor',
  displayName: 'Lisa Revisor',
  password: 'loggen ljuger aldrig om vem som läst',
};
const ORGANISATION = 'Kommun X socialtjänst';

const TOTP_STEP_SECONDS = 30;

/**
 * A TOTP code the server has not seen yet. A code can never be used twice (the server records
 * the time step) and the server accepts one step of drift either way, so this takes the earliest
 * unused step of the previous, current and next window, and waits for the clock only when all
 * three are spent. The previous window is used only well before the current one ends.
 */
async function freshTotp(user: TotpUser): Promise<string> {
  for (;;) {
    const nowSeconds = Date.now() / 1000;
    const current = Math.floor(nowSeconds / TOTP_STEP_SECONDS);
    const secondsLeft = (current + 1) * TOTP_STEP_SECONDS - nowSeconds;
    const candidates = secondsLeft > 5 ? [current - 1, current, current + 1] : [current, current + 1];
    const step = candidates.find((s) => s > user.lastStep);
    if (step !== undefined) {
      user.lastStep = step;
      return generateSync({ secret: user.secret, epoch: step * TOTP_STEP_SECONDS });
    }
    // Waiting for a condition: the next 30-second window.
    await new Promise((r) => setTimeout(r, secondsLeft * 1000 + 50));
  }
}

async function fillCredentials(page: Page, username: string, password: string): Promise<void> {
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  await page.getByLabel('Användarnamn', { exact: true }).fill(username);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { name: 'Bekräfta att det är du' }).waitFor();
}

async function signInWithTotp(page: Page, user: TotpUser): Promise<void> {
  await fillCredentials(page, user.username, user.password);
  await page.getByLabel('Kod från appen').fill(await freshTotp(user));
  await page.getByRole('button', { name: 'Verifiera' }).click();
  await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
}

/** Chooses a password on the enrolment screen (the first step of every enrolment). */
async function choosePassword(page: Page, password: string): Promise<void> {
  await page.getByRole('heading', { name: 'Välj lösenord' }).waitFor();
  await page.getByLabel('Nytt lösenord').fill(password);
  await page.getByLabel('Upprepa lösenordet').fill(password);
  await page.getByRole('button', { name: 'Spara lösenord' }).click();
  await page.getByRole('heading', { name: 'Välj andra inloggningssteg' }).waitFor();
}

/** Enrols TOTP from the secret shown on screen (as text) and returns the secret. */
async function enrolTotp(page: Page, user: Omit<TotpUser, 'secret' | 'lastStep'>): Promise<TotpUser> {
  await page.getByRole('button', { name: 'Använd autentiseringsapp i stället' }).click();
  const secretText = page.getByTestId('totp-secret');
  await secretText.waitFor();
  await page.getByRole('img', { name: 'QR-kod att skanna med autentiseringsappen' }).waitFor();
  const secret = (await secretText.innerText()).replace(/\s+/g, '');
  expect(secret).toMatch(/^[A-Z2-7]{16,}$/);
  const enrolled: TotpUser = { ...user, secret, lastStep: 0 };
  await page.getByLabel('Kod från appen').fill(await freshTotp(enrolled));
  await page.getByRole('button', { name: 'Bekräfta kod' }).click();
  return enrolled;
}

/** Reads the recovery codes, confirms they were saved, and continues to sign-in. */
async function confirmRecoveryCodes(page: Page, shot?: string): Promise<string[]> {
  await page.getByRole('heading', { name: 'Dina återställningskoder' }).waitFor();
  const codes = (await page.getByRole('listitem').allInnerTexts()).map((c) => c.trim());
  expect(codes).toHaveLength(10);
  for (const code of codes) expect(code).toMatch(/^[A-Z0-9]{5}-[A-Z0-9]{5}$/);
  expect(new Set(codes).size).toBe(10);
  await expectAccessible(page, 'recovery codes');
  if (shot) await screenshot(page, shot);
  const next = page.getByRole('button', { name: 'Fortsätt till inloggning' });
  expect(await next.isDisabled()).toBe(true);
  await page.getByLabel('Jag har sparat koderna').check();
  await next.click();
  await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  return codes;
}

/** Invites a user from the administrator's users screen; returns the one-time link shown. */
async function invite(admin: Page, who: { displayName: string; username: string }, role: string): Promise<string> {
  await admin.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Användare' }).click();
  await admin.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
  const form = admin.getByRole('region', { name: 'Bjud in användare' });
  await form.getByLabel('Namn', { exact: true }).fill(who.displayName);
  await form.getByLabel('Användarnamn', { exact: true }).fill(who.username);
  await form
    .getByLabel('Organisation', { exact: true })
    .selectOption({ label: `${ORGANISATION} (Kommun / socialtjänst)` });
  await form.getByRole('checkbox', { name: role, exact: true }).check();
  await form.getByRole('button', { name: 'Skapa inbjudan' }).click();
  const linkField = form.getByLabel('Engångslänk');
  await linkField.waitFor();
  const link = await linkField.inputValue();
  expect(link).toMatch(/\/enrol#token=[A-Za-z0-9_-]+$/);
  // The new user is listed as invited, with no second factor yet.
  const row = admin.getByRole('row').filter({ hasText: who.username });
  await expect.poll(() => row.innerText()).toContain('Inbjuden');
  return link;
}

async function apiStatusFromPage(page: Page, path: string): Promise<number> {
  return page.evaluate(async (p) => (await fetch(p, { credentials: 'same-origin' })).status, path);
}

describe('foundation in a real browser', () => {
  let product: RunningProduct;
  let browser: Browser;
  let admin: Person;
  let coordinator: Person;
  let coordinatorUser: TotpUser;

  beforeAll(async () => {
    product = await startProduct();
    browser = await launchBrowser();
  });

  afterEach((context) => {
    if (context.task.result?.state === 'fail') console.error(`utvag start output so far:\n${product?.output()}`);
  });

  afterAll(async () => {
    await browser?.close();
    await product?.stop();
  });

  it('sets up the first administrator with a passkey from the one-time setup link', async () => {
    expect(product.setupLink.startsWith(`${product.origin}/setup#token=`)).toBe(true);
    admin = await newPerson(browser, product.origin);
    const { page } = admin;
    await addVirtualAuthenticator(admin.context, page);

    await page.goto(product.setupLink);
    await page.getByRole('heading', { level: 1, name: 'Installera Utväg' }).waitFor();
    await expectAccessible(page, 'setup');
    await page.getByLabel('Programmets namn').fill('Avhopparprogrammet Region Väst');
    await page.getByLabel('Programkod').fill('VAST');
    await page.getByLabel('Organisationens namn').fill('Polisregion Väst');
    await page.getByLabel('Typ av organisation').selectOption({ label: 'Polisregion' });
    await page
      .getByRole('group', { name: 'Administratör' })
      .getByLabel('Namn', { exact: true })
      .fill(ADMIN.displayName);
    await page.getByRole('group', { name: 'Administratör' }).getByLabel('Användarnamn').fill(ADMIN.username);
    await screenshot(page, 'setup');
    await page.getByRole('button', { name: 'Skapa och fortsätt' }).click();

    // Password: a common one is refused in place, then a long sentence is accepted.
    await page.getByRole('heading', { name: 'Välj lösenord' }).waitFor();
    await page.getByLabel('Nytt lösenord').fill('kort');
    await page.getByLabel('Upprepa lösenordet').fill('kort');
    await page.getByRole('button', { name: 'Spara lösenord' }).click();
    await page.getByText('Lösenordet måste ha minst 12 tecken.').waitFor();
    await expectAccessible(page, 'enrolment password');
    await choosePassword(page, ADMIN.password);

    // Second factor: the passkey is the recommended default.
    await expectAccessible(page, 'enrolment second factor');
    await screenshot(page, 'enrolment');
    await page.getByRole('button', { name: 'Skapa nyckel (passkey)' }).click();
    await confirmRecoveryCodes(page, 'recovery-codes');

    // The setup link is spent: the installation now says it is already set up.
    await page.goto(product.setupLink);
    await page.getByText('Utväg är redan installerat').waitFor();
    expect(await page.getByRole('button', { name: 'Skapa och fortsätt' }).count()).toBe(0);

    // Sign in with password + passkey.
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await expectAccessible(page, 'sign-in');
    await screenshot(page, 'sign-in');
    await fillCredentials(page, ADMIN.username, ADMIN.password);
    await expectAccessible(page, 'sign-in second factor');
    await page.getByRole('button', { name: 'Använd nyckel (passkey)' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Administration' }).waitFor();
    await page.getByText(`Inloggad som ${ADMIN.displayName}.`).waitFor();
    await expectAccessible(page, 'admin home');

    const [factor] = (
      await product.sql<{ n: string }>(
        `SELECT count(*) AS n FROM webauthn_credentials c JOIN users u ON u.id = c.user_id WHERE u.username = $1`,
        [ADMIN.username],
      )
    ).rows;
    expect(Number(factor!.n)).toBe(1);
  });

  it('switches the interface to English and back', async () => {
    const { page } = admin;
    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
    await page.getByRole('button', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    expect(await page.evaluate(() => document.documentElement.lang)).toBe('sv');
  });

  it('lets the administrator add an organisation and invite a coordinator', async () => {
    const { page } = admin;
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Organisationer' }).click();
    await page.getByRole('heading', { level: 1, name: 'Organisationer' }).waitFor();
    const form = page.getByRole('region', { name: 'Lägg till organisation' });
    await form.getByLabel('Organisationens namn').fill(ORGANISATION);
    await form.getByLabel('Typ av organisation').selectOption({ label: 'Kommun / socialtjänst' });
    await form.getByRole('button', { name: 'Lägg till' }).click();
    await page.getByRole('cell', { name: ORGANISATION }).waitFor();
    await expectAccessible(page, 'organisations');
    await screenshot(page, 'admin-organisations');

    const link = await invite(page, COORDINATOR, 'Samordnare');
    expect(link.startsWith(`${product.origin}/enrol#token=`)).toBe(true);
    await expectAccessible(page, 'users with enrolment link');
    await screenshot(page, 'admin-users');

    coordinator = await newPerson(browser, product.origin);
    await coordinator.page.goto(link);
  });

  it('enrols the coordinator with TOTP and signs them in with password + code', async () => {
    const { page } = coordinator;
    await page.getByRole('heading', { level: 1, name: 'Aktivera ditt konto' }).waitFor();
    await page.getByText(`Ditt användarnamn är ${COORDINATOR.username}`).waitFor();
    await expectAccessible(page, 'enrolment (invited)');
    await choosePassword(page, COORDINATOR.password);
    coordinatorUser = await enrolTotp(page, COORDINATOR);
    await confirmRecoveryCodes(page);

    // A wrong code is refused with a clear message; the right one signs in.
    await fillCredentials(page, COORDINATOR.username, COORDINATOR.password);
    await page.getByLabel('Kod från appen').fill('000000');
    await page.getByRole('button', { name: 'Verifiera' }).click();
    await page.getByText('Koden stämmer inte. Försök igen.').waitFor();
    await page.getByLabel('Kod från appen').fill(await freshTotp(coordinatorUser));
    await page.getByRole('button', { name: 'Verifiera' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Mina ärenden' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Ärenden' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Användare' }).count()).toBe(0);
    await expectAccessible(page, 'coordinator home');
    await screenshot(page, 'coordinator-home');
  });

  it('ends a session idle for more than 15 minutes and says so on the sign-in screen', async () => {
    const { page } = coordinator;
    const pushed = await product.sql(
      `UPDATE sessions SET last_seen_at = now() - interval '16 minutes'
        WHERE ended_at IS NULL AND stage = 'full' AND user_id = (SELECT id FROM users WHERE username = $1)`,
      [COORDINATOR.username],
    );
    expect(pushed.rowCount).toBe(1);

    // The coordinator comes back to the open tab and moves on.
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Ärenden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Din session har gått ut' }).waitFor();
    expect(new URL(page.url()).pathname).toBe('/login');
    await expectAccessible(page, 'sign-in after idle timeout');
    await screenshot(page, 'session-expired');

    const { rows } = await product.sql<{ ended_reason: string | null }>(
      `SELECT ended_reason FROM sessions WHERE user_id = (SELECT id FROM users WHERE username = $1) AND stage = 'full'`,
      [COORDINATOR.username],
    );
    expect(rows.map((r) => r.ended_reason)).toEqual(['idle']);

    // A reload does not bring the session back.
    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(await apiStatusFromPage(page, '/api/v1/me')).toBe(401);
  });

  it('signs out from the header menu and the old session cookie stops working', async () => {
    const { page, context } = coordinator;
    await signInWithTotp(page, coordinatorUser);
    expect(await apiStatusFromPage(page, '/api/v1/me')).toBe(200);
    const oldCookie = (await context.cookies()).find((c) => c.name === 'utvag_session');
    expect(oldCookie?.httpOnly).toBe(true);
    expect(oldCookie?.sameSite).toBe('Strict');

    await page.getByRole('banner').getByRole('button', { name: COORDINATOR.displayName }).click();
    await page.getByRole('menuitem', { name: 'Logga ut', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'Du är utloggad.' }).waitFor();

    // Put the old cookie back, as a thief who copied it would: the server ended that session.
    await context.addCookies([oldCookie!]);
    expect((await context.cookies()).find((c) => c.name === 'utvag_session')?.value).toBe(oldCookie!.value);
    expect(await apiStatusFromPage(page, '/api/v1/me')).toBe(401);
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
  });

  it('keeps the administrator away from every case route', async () => {
    const { page } = admin;
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Användare' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Ärenden' }).count()).toBe(0);
    // The session is live (so a refusal below is about the role, not a missing sign-in).
    expect(await apiStatusFromPage(page, '/api/v1/me')).toBe(200);

    for (const path of ['/api/v1/cases', `/api/v1/cases/${randomUUID()}`]) {
      const viaRequest = await page.request.get(path);
      expect([403, 404], `${path} via request`).toContain(viaRequest.status());
      const viaBrowser = await apiStatusFromPage(page, path);
      expect([403, 404], `${path} via fetch`).toContain(viaBrowser);
    }

    // Typing the address of the cases screen shows a refusal, never a list.
    await page.goto('/cases');
    await page
      .getByRole('alert')
      .filter({ hasText: /behörighet|Hittades inte/ })
      .waitFor();
    expect(await page.getByRole('table').count()).toBe(0);
  });

  it('lets an invited auditor search the log and verify the chain is whole', async () => {
    const link = await invite(admin.page, AUDITOR, 'Loggrevisor');
    const auditor = await newPerson(browser, product.origin);
    const { page } = auditor;
    await page.goto(link);
    await choosePassword(page, AUDITOR.password);
    const auditorUser = await enrolTotp(page, AUDITOR);
    await confirmRecoveryCodes(page);
    await signInWithTotp(page, auditorUser);
    const nav = page.getByRole('navigation', { name: 'Huvudmeny' });
    await nav.getByRole('link', { name: 'Loggkontroll' }).waitFor();
    expect(await nav.getByRole('link', { name: 'Ärenden' }).count()).toBe(0);
    await nav.getByRole('link', { name: 'Loggkontroll' }).click();
    await page.getByRole('heading', { level: 1, name: 'Loggkontroll' }).waitFor();

    // Search by user: the coordinator's entries only.
    const { rows } = await product.sql<{ id: string }>(`SELECT id FROM users WHERE username = $1`, [
      COORDINATOR.username,
    ]);
    const search = page.getByRole('form', { name: 'Sök i loggen' });
    await search.getByLabel('Användar-id').fill(rows[0]!.id);
    await search.getByRole('button', { name: 'Sök', exact: true }).click();
    const table = page.getByRole('table');
    await table.getByRole('columnheader', { name: 'Åtgärd' }).waitFor();
    const actors = await table.locator('tbody tr td:nth-child(3)').allInnerTexts();
    expect(actors.length).toBeGreaterThan(0);
    expect(new Set(actors)).toEqual(new Set([COORDINATOR.username]));

    // The running server's sealer links every entry into the keyed chain within about a second.
    const unsealed = async () =>
      (
        await product.sql<{ n: number }>(
          'SELECT count(*)::int AS n FROM audit_log e WHERE NOT EXISTS (SELECT 1 FROM audit_chain c WHERE c.entry_seq = e.seq)',
        )
      ).rows[0]!.n;
    for (let i = 0; i < 100 && (await unsealed()) > 0; i++) await new Promise((r) => setTimeout(r, 100));
    expect(await unsealed()).toBe(0);
    await page.getByRole('button', { name: 'Verifiera loggkedjan' }).click();
    await page.getByRole('status').filter({ hasText: 'Kedjan är hel' }).waitFor();
    await page.getByRole('status').filter({ hasText: 'förseglade poster' }).waitFor();
    await expectAccessible(page, 'audit');
    await screenshot(page, 'audit');
    await auditor.context.close();
  });

  it('stops cleanly on SIGTERM, as a service manager stops it', async () => {
    await admin.context.close();
    await coordinator.context.close();
    const exit = await product.stop();
    expect(exit, product.output()).toEqual({ code: 0, signal: null });
  });
});
