import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

export const webDist = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../../packages/web/dist');

/** Issue 9's budget: the JavaScript a first visit downloads before the app can draw, gzipped. */
export const INITIAL_JS_BUDGET_BYTES = 250 * 1024;

/**
 * The JavaScript the built index.html makes the browser fetch before anything renders: the entry
 * script and every module it preloads. Route chunks fetched later (decision 016) are not in it.
 * Sizes are gzip level 9, what a compressed response of the file comes close to.
 */
export function initialJavaScript(dist = webDist): { files: { file: string; gzipBytes: number }[]; gzipBytes: number } {
  const html = readFileSync(path.join(dist, 'index.html'), 'utf8');
  const urls = new Set<string>();
  for (const m of html.matchAll(/<script\b[^>]*\bsrc="([^"]+)"/g)) urls.add(m[1]!);
  for (const m of html.matchAll(/<link\b[^>]*\brel="modulepreload"[^>]*\bhref="([^"]+)"/g)) urls.add(m[1]!);
  const files = [...urls].map((url) => {
    const file = path.join(dist, url.replace(/^\//, ''));
    return { file: url, gzipBytes: gzipSync(readFileSync(file), { level: 9 }).length };
  });
  return { files, gzipBytes: files.reduce((sum, f) => sum + f.gzipBytes, 0) };
}
