// Measures the dashboard's first render in Debian's Chromium against a running service: for each
// of N fresh browser contexts, the first contentful paint and the time until the sign-in form is
// on screen, from navigation start. Prints each run and the median (a measurement, not a test).
//
//   CRACKTRADER_URL=http://localhost:8000 node e2e/first-render.mjs 7
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const BASE = process.env.CRACKTRADER_URL ?? 'http://localhost:8000';
const runs = Number(process.argv[2] ?? 5);
const profile = mkdtempSync(join(tmpdir(), 'cracktrader-chromium-'));
const browser = await chromium.launchPersistentContext(profile, {
  executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
  headless: true,
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const median = (xs) => xs.filter((x) => !Number.isNaN(x)).sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const fcp = [];
const form = [];
try {
  for (let i = 0; i < runs; i++) {
    const page = await browser.newPage();
    // A cold load each time: nothing from the HTTP cache.
    const cdp = await browser.newCDPSession(page);
    await cdp.send('Network.setCacheDisabled', { cacheDisabled: true });
    await page.goto(BASE + '/');
    await page.getByLabel('Password').waitFor();
    const t = await page.evaluate(() => ({
      fcp: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? NaN,
      now: performance.now(),
    }));
    fcp.push(t.fcp);
    form.push(t.now);
    console.log(`run ${i + 1}: first contentful paint ${t.fcp.toFixed(0)} ms, sign-in form at ${t.now.toFixed(0)} ms`);
    await page.close();
  }
  console.log(`median of ${runs}: first contentful paint ${median(fcp).toFixed(0)} ms, sign-in form ${median(form).toFixed(0)} ms`);
} finally {
  await browser.close();
  rmSync(profile, { recursive: true, force: true });
}
