import { existsSync, readdirSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startProduct, type RunningProduct } from './support/server.ts';
import { INITIAL_JS_BUDGET_BYTES, initialJavaScript, webDist } from './support/web-weight.ts';

/**
 * Web weight (issue 9, decision 016): a size check on the built files and the headers the real
 * server sends for them. Sizes, not timings: the sign-in page's LCP is measured by `npm run bench`.
 */
describe('web weight', () => {
  it('the JavaScript a first visit loads stays within 250 KB gzipped, and holds no signed-in screen', () => {
    expect(existsSync(path.join(webDist, 'index.html')), 'build the web app first (./utvag test does)').toBe(true);
    const initial = initialJavaScript();
    const listing = initial.files.map((f) => `${f.file} ${f.gzipBytes}`).join('\n');
    expect(initial.files.length, listing).toBeGreaterThan(0);
    expect(initial.gzipBytes, listing).toBeLessThanOrEqual(INITIAL_JS_BUDGET_BYTES);
    // Split by route: the screens behind sign-in are chunks of their own, not preloaded.
    const chunks = readdirSync(path.join(webDist, 'assets'));
    for (const screen of ['AppLayout', 'CaseDetailPage', 'HomePage', 'HotlinePage', 'AuditPage', 'LoginPage']) {
      expect(
        chunks.some((c) => c.startsWith(`${screen}-`)),
        `${screen} is its own chunk`,
      ).toBe(true);
      expect(
        initial.files.some((f) => f.file.includes(`/${screen}-`)),
        `${screen} is not loaded up front`,
      ).toBe(false);
    }
  });

  describe('served by the product', () => {
    let product: RunningProduct;
    beforeAll(async () => {
      product = await startProduct();
    });
    afterAll(async () => product?.stop());

    it('index.html is revalidated every time, hashed assets are immutable, both compressed', async () => {
      for (const page of ['/', '/login', '/cases/00000000-0000-0000-0000-000000000000']) {
        const res = await fetch(`${product.origin}${page}`, { headers: { 'accept-encoding': 'gzip' } });
        expect(res.status, page).toBe(200);
        expect(res.headers.get('content-type'), page).toMatch(/^text\/html/);
        expect(res.headers.get('cache-control'), page).toBe('no-cache');
        expect(res.headers.get('content-encoding'), page).toBe('gzip');
        expect(await res.text(), page).toContain('<div id="root">');
      }
      const { files } = initialJavaScript();
      const css = readdirSync(path.join(webDist, 'assets')).find((f) => f.endsWith('.css'))!;
      for (const asset of [...files.map((f) => f.file), `/assets/${css}`]) {
        const res = await fetch(`${product.origin}${asset}`, { headers: { 'accept-encoding': 'br, gzip' } });
        expect(res.status, asset).toBe(200);
        expect(res.headers.get('cache-control'), asset).toBe('public, max-age=31536000, immutable');
        // Tiny chunks (under 1 KB) are not worth compressing; everything larger must be.
        const size = Number((await res.arrayBuffer()).byteLength);
        if (size > 1024) expect(res.headers.get('content-encoding'), asset).toBe('br');
      }
      const plain = await fetch(`${product.origin}${files[0]!.file}`, { headers: { 'accept-encoding': 'identity' } });
      expect(plain.headers.get('content-encoding')).toBeNull();
    });

    it('API answers are compressed but never cached; the event stream is not compressed', async () => {
      const res = await fetch(`${product.origin}/api/openapi.json`, { headers: { 'accept-encoding': 'gzip' } });
      expect(res.status).toBe(200);
      expect(res.headers.get('content-encoding')).toBe('gzip');
      expect(res.headers.get('cache-control')).toBe('no-store');
      expect(((await res.json()) as { openapi: string }).openapi).toMatch(/^3\./);
    });
  });
});
