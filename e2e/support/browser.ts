import { existsSync } from 'node:fs';
import { copyFile, mkdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import AxeBuilder from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type BrowserContextOptions, type Page } from 'playwright-core';
import { expect } from 'vitest';

const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const screenshotDir = path.join(repoRoot, 'docs/screenshots');
const artifactDir = path.join(repoRoot, '.test-artifacts/screenshots');

/** Debian's Chromium (browser downloads fail on these machines). */
export async function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: process.env.UTVAG_CHROMIUM ?? '/usr/bin/chromium',
    headless: true,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      '--disable-quic',
    ],
  });
}

/**
 * A fresh context (own cookies and storage) as a separate person at their own computer.
 * `options` adds to the context's settings, e.g. `{ timezoneId: 'Europe/Stockholm' }`.
 */
export async function newPerson(
  browser: Browser,
  origin: string,
  options: BrowserContextOptions = {},
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({
    baseURL: origin,
    locale: 'sv-SE',
    viewport: { width: 1280, height: 900 },
    ...options,
  });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Chromium's virtual WebAuthn authenticator over CDP: a platform passkey with user verification. */
export async function addVirtualAuthenticator(context: BrowserContext, page: Page): Promise<string> {
  const cdp = await context.newCDPSession(page);
  await cdp.send('WebAuthn.enable');
  const { authenticatorId } = await cdp.send('WebAuthn.addVirtualAuthenticator', {
    options: {
      protocol: 'ctap2',
      transport: 'internal',
      hasResidentKey: true,
      hasUserVerification: true,
      isUserVerified: true,
      automaticPresenceSimulation: true,
    },
  });
  return authenticatorId;
}

/** Runs axe-core on the page and fails on any serious or critical violation, listing them. */
export async function expectAccessible(page: Page, screen: string): Promise<void> {
  const results = await new AxeBuilder({ page }).analyze();
  const bad = results.violations.filter((v) => v.impact === 'serious' || v.impact === 'critical');
  const report = bad
    .map(
      (v) =>
        `- [${v.impact}] ${v.id}: ${v.help}\n${v.nodes.map((n) => `    ${n.target.join(' ')} — ${n.failureSummary ?? ''}`).join('\n')}`,
    )
    .join('\n');
  if (bad.length > 0) console.error(`axe on "${screen}":\n${report}`);
  expect(bad, `axe found serious violations on "${screen}":\n${report}`).toEqual([]);
}

/**
 * Writes `.test-artifacts/screenshots/<name>.png` on every run, and `docs/screenshots/<name>.png`
 * (the README shows them) when that file is missing or UTVAG_UPDATE_SCREENSHOTS=1. The pictures
 * hold tokens and times that differ on every run; rewriting them each time would leave every
 * `./utvag test` with a dirty working tree.
 */
export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}): Promise<void> {
  // A full-page capture of a scrolled page draws the fixed header mid-page; start from the top.
  await page.evaluate(() => window.scrollTo(0, 0));
  const fresh = path.join(artifactDir, `${name}.png`);
  await mkdir(artifactDir, { recursive: true });
  // A modal's backdrop covers only the viewport; `fullPage: false` keeps such a picture whole.
  await page.screenshot({ path: fresh, fullPage: options.fullPage ?? true, animations: 'disabled' });
  const documented = path.join(screenshotDir, `${name}.png`);
  if (process.env.UTVAG_UPDATE_SCREENSHOTS === '1' || !existsSync(documented)) {
    await mkdir(screenshotDir, { recursive: true });
    await copyFile(fresh, documented);
  }
}
