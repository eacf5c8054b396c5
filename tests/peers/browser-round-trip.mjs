// Drives Debian's Chromium through a protected application with playwright-core:
// protected URL -> identity provider login -> application page -> sign-out -> login again.
// Input: ROUND_TRIP_URL, ROUND_TRIP_SIGN_OUT_URL, ROUND_TRIP_LOGIN, ROUND_TRIP_HOST_RULES.
// Prints one JSON line: {upstream, signedOutAt, loginFormAfterSignOut}.
import { chromium } from 'playwright-core';

const url = process.env.ROUND_TRIP_URL;
const signOutUrl = process.env.ROUND_TRIP_SIGN_OUT_URL;
const login = process.env.ROUND_TRIP_LOGIN || 'alice';
const timeout = 60000;

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  headless: true,
  timeout,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--disable-background-networking',
    '--disable-component-update', '--disable-sync', '--no-first-run',
    `--host-resolver-rules=${process.env.ROUND_TRIP_HOST_RULES || ''}`],
});
try {
  const page = await browser.newPage();
  page.setDefaultTimeout(timeout);

  await page.goto(url);
  await page.fill('input[name=login]', login);
  await page.fill('input[name=password]', 'any');
  await page.click('button[type=submit]');
  await page.waitForSelector('input[name=prompt][value=consent]', { state: 'attached' });
  await page.click('button[type=submit]');
  await page.waitForURL((current) => current.href.startsWith(url));
  const upstream = JSON.parse(await page.innerText('body'));

  await page.goto(signOutUrl);
  await page.click('button[name=logout][value=yes]');
  await page.waitForLoadState();
  const signedOutAt = page.url();

  await page.goto(url);
  const loginForm = await page.waitForSelector('input[name=login]').then(() => true, () => false);

  console.log(JSON.stringify({ upstream, signedOutAt, loginFormAfterSignOut: loginForm }));
} finally {
  await browser.close();
}
