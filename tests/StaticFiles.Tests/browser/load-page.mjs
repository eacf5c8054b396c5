// Loads one page in headless Chromium and prints, as JSON, every response, every failed request,
// the font families that finished loading, the size of each image and whether PatternFly's
// stylesheet applied. Exits 1 when a request failed or returned a status of 400 or more.
// Usage: node load-page.mjs <page URL> <node_modules folder that holds playwright-core>
import { createRequire } from 'node:module';
import path from 'node:path';

const [pageUrl, peerModules] = process.argv.slice(2);
const require = createRequire(path.join(peerModules, 'noop.js'));
const { chromium } = require('playwright-core');

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
         '--disable-component-update', '--disable-sync', '--no-first-run'],
});

const result = { responses: [], failures: [], fonts: [], images: [], bodyFontFamily: '' };
try {
  const page = await browser.newPage({ viewport: { width: 1024, height: 768 } });
  page.on('response', (response) => {
    const entry = { url: response.url(), status: response.status(), contentType: response.headers()['content-type'] ?? '' };
    result.responses.push(entry);
    if (entry.status >= 400) {
      result.failures.push(`${entry.url} returned ${entry.status}`);
    }
  });
  page.on('requestfailed', (request) => {
    result.failures.push(`${request.url()} failed: ${request.failure()?.errorText}`);
  });

  await page.goto(pageUrl, { waitUntil: 'load', timeout: 60000 });
  const loaded = await page.evaluate(async () => {
    const faces = ['16px "Red Hat Text"', '16px "Red Hat Display"', '16px "Red Hat Mono"',
                   '900 16px "Font Awesome 5 Free"', '16px "pf-v6-pficon"'];
    await Promise.all(faces.map((face) => document.fonts.load(face)));
    await document.fonts.ready;
    return {
      fonts: [...document.fonts].filter((font) => font.status === 'loaded').map((font) => font.family.replaceAll('"', '')),
      images: [...document.images].map((image) => ({ src: image.currentSrc, width: image.naturalWidth, complete: image.complete })),
      bodyFontFamily: getComputedStyle(document.body).fontFamily,
    };
  });
  await page.waitForLoadState('networkidle', { timeout: 60000 });
  Object.assign(result, loaded);
} finally {
  await browser.close();
}

console.log(JSON.stringify(result));
process.exit(result.failures.length === 0 ? 0 : 1);
