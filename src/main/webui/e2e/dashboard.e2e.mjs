// End-to-end tests of the dashboard in Debian's Chromium, driven by playwright-core, against a
// running service (the packaged application; see .ci/e2e). Screenshots go to e2e/screenshots/.
//
//   CRACKTRADER_URL=http://localhost:8000 CRACKTRADER_ADMIN_PASSWORD=... node --test e2e/dashboard.e2e.mjs
import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';

const BASE = process.env.CRACKTRADER_URL ?? 'http://localhost:8000';
const PASSWORD = process.env.CRACKTRADER_ADMIN_PASSWORD;
const USERNAME = process.env.CRACKTRADER_ADMIN_USERNAME ?? 'admin';
const SHOTS = join(dirname(fileURLToPath(import.meta.url)), 'screenshots');
const TIMEOUT = 30_000;
if (!PASSWORD) throw new Error('Set CRACKTRADER_ADMIN_PASSWORD to the running service\'s administrator password');

let context;
let page;
let profile;
const foreignRequests = [];
const pageErrors = [];

async function shot(name) {
  await page.screenshot({ path: join(SHOTS, `${name}.png`), fullPage: true });
}

async function token() {
  return page.evaluate(() => JSON.parse(localStorage.getItem('cracktrader.session')).accessToken);
}

async function apiGet(path) {
  const r = await page.request.get(BASE + path, { headers: { Authorization: `Bearer ${await token()}` } });
  assert.equal(r.status(), 200, `${path} answered ${r.status()}`);
  return r.json();
}

function runIdFromUrl() {
  const m = /#\/runs\/([0-9a-f-]{36})/.exec(page.url());
  assert.ok(m, `not on a run page: ${page.url()}`);
  return m[1];
}

async function launch({ mode = 'backtest', symbols = 'BTC/USDT', fast = '5', slow = '20' } = {}) {
  await page.getByRole('link', { name: 'New run' }).first().click();
  await page.getByLabel('Strategy type').selectOption('MovingAverageCross');
  await page.getByLabel('fast_period').fill(fast);
  await page.getByLabel('slow_period').fill(slow);
  await page.getByLabel('Mode').selectOption(mode);
  await page.getByLabel('Exchange', { exact: true }).selectOption('simulated');
  await page.getByLabel('Symbols').fill(symbols);
  await page.getByLabel('Timeframe').selectOption('1h');
  if (mode === 'backtest') {
    await page.getByLabel('From').fill('2024-01-01');
    await page.getByLabel('To (exclusive)').fill('2024-03-01');
  }
  await page.getByRole('button', { name: 'Start run' }).click();
}

describe('dashboard', () => {
  before(async () => {
    mkdirSync(SHOTS, { recursive: true });
    profile = mkdtempSync(join(tmpdir(), 'cracktrader-chromium-'));
    // A fresh profile each time (Playwright passes it to Chromium as --user-data-dir).
    context = await chromium.launchPersistentContext(profile, {
      executablePath: process.env.CHROMIUM ?? '/usr/bin/chromium',
      headless: true,
      args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
        '--disable-background-networking', '--disable-component-update', '--disable-sync'],
      viewport: { width: 1280, height: 900 },
    });
    page = context.pages()[0] ?? await context.newPage();
    page.setDefaultTimeout(TIMEOUT);
    const origin = new URL(BASE).origin;
    page.on('request', (r) => {
      const url = r.url();
      if (!url.startsWith(origin) && !/^(data|blob):/.test(url)) foreignRequests.push(url);
    });
    page.on('pageerror', (e) => pageErrors.push(String(e)));
    // The dashboard runs under its Content-Security-Policy: anything it refuses is an error too.
    page.on('console', (m) => {
      if (m.type() === 'error' && /Content Security Policy/i.test(m.text())) pageErrors.push(m.text());
    });
  });

  after(async () => {
    await context?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  test('the login page is served at / and a wrong password shows the service\'s error', async () => {
    await page.goto(BASE + '/');
    await page.getByRole('heading', { name: 'Cracktrader' }).waitFor();
    const paint = await page.evaluate(() => performance.getEntriesByType('paint')
      .map((p) => `${p.name} ${p.startTime.toFixed(0)} ms`).join(', '));
    console.log(`first render: ${paint}`);
    await page.getByLabel('Username').fill(USERNAME);
    await page.getByLabel('Password').fill('not-the-password');
    await page.getByRole('button', { name: 'Sign in' }).click();
    const alert = page.getByRole('alert');
    await alert.waitFor();
    assert.match(await alert.innerText(), /401 AUTHENTICATION_ERROR/);
    await shot('01-login-error');
  });

  test('signing in with the keyboard opens the overview', async () => {
    await page.getByLabel('Password').fill(PASSWORD);
    await page.getByLabel('Password').press('Enter');
    await page.getByRole('heading', { name: 'Overview' }).waitFor();
    await page.getByRole('heading', { name: 'Health' }).waitFor();
    await page.getByText('database', { exact: true }).waitFor();
    await shot('02-overview');
  });

  test('an invalid run request shows the field the service rejected', async () => {
    await launch({ symbols: 'NOT-A-SYMBOL!' });
    const alert = page.getByRole('alert');
    await alert.waitFor();
    const text = await alert.innerText();
    assert.match(text, /422 VALIDATION_ERROR/);
    assert.match(text, /symbols/);
    await shot('03-launch-error');
  });

  let backtestId;
  test('a backtest launched from the UI completes with its charts and trades', async () => {
    await launch();
    await page.waitForURL(/#\/runs\//);
    backtestId = runIdFromUrl();
    await page.locator('.status-card .badge', { hasText: 'completed' }).waitFor();
    const run = await apiGet(`/api/v1/runs/${backtestId}`);
    assert.equal(run.status, 'completed');
    assert.ok(run.trade_count > 0, 'the backtest traded');
    assert.equal(await page.getByTestId('trade-count').innerText(), String(run.trade_count));
    // Every fill is listed, and the figures are the service's.
    await page.getByText(`${run.trade_count} trades`, { exact: true }).waitFor();
    assert.equal(await page.getByTestId('trade-row').count(), run.trade_count);
    const value = await page.getByTestId('run-value').innerText();
    assert.equal(value, run.value.toLocaleString('en-US', { minimumFractionDigits: 2, maximumFractionDigits: 2 }));
    // Equity vs buy and hold, drawdown and the candles are drawn (canvases with pixels).
    await page.getByTestId('chart').first().locator('canvas').first().waitFor();
    assert.ok(await page.getByTestId('chart').count() >= 2, 'equity and drawdown charts');
    await page.getByTestId('candle-chart').locator('canvas').first().waitFor();
    await page.getByText('SMA(5)').waitFor();
    await page.getByText('Total return').waitFor();
    await shot('04-backtest-completed');
  });

  test('trades can be filtered by symbol and sorted by P&L', async () => {
    const total = await page.getByTestId('trade-row').count();
    const filter = page.getByLabel('Filter by symbol');
    await filter.fill('ETH');
    await page.getByText(`0 of ${total} trades`).waitFor();
    assert.equal(await page.getByTestId('trade-row').count(), 0);
    await filter.fill('btc');
    await page.getByText(`${total} trades`, { exact: true }).waitFor();
    await page.getByLabel('Sort by').selectOption('pnl');
    const pnls = await page.getByTestId('trade-row').evaluateAll((rows) => rows.map((r) => {
      const text = r.lastElementChild.textContent.replace(/,/g, '');
      return text === '—' ? null : Number(text);
    }));
    const closed = pnls.filter((v) => v != null);
    assert.ok(closed.length > 0, 'closing fills carry P&L');
    assert.deepEqual(closed, [...closed].sort((a, b) => b - a), 'largest P&L first');
    assert.ok(pnls.indexOf(null) === -1 || pnls.indexOf(null) >= closed.length, 'opening fills (no P&L) last');
    await shot('05-trades-sorted-by-pnl');
  });

  test('a running paper run can be stopped from its page', async () => {
    await launch({ mode: 'paper' });
    await page.waitForURL(/#\/runs\//);
    const id = runIdFromUrl();
    assert.notEqual(id, backtestId);
    await page.locator('.status-card .badge', { hasText: 'running' }).waitFor();
    await page.getByText('● live').waitFor();
    await page.getByRole('button', { name: 'Stop run' }).click();
    await page.locator('.status-card .badge', { hasText: 'stopped' }).waitFor();
    assert.equal((await apiGet(`/api/v1/runs/${id}`)).status, 'stopped');
    await shot('06-paper-stopped');
  });

  test('run history compares two backtests of the same period', async () => {
    await launch({ fast: '10', slow: '30' });
    await page.waitForURL(/#\/runs\//);
    await page.locator('.status-card .badge', { hasText: 'completed' }).waitFor();
    await page.getByRole('link', { name: 'Runs' }).click();
    await page.getByRole('heading', { name: 'Runs' }).waitFor();
    await page.getByLabel('Mode').selectOption('backtest');
    await page.locator('tbody tr').first().getByText('backtest').waitFor();
    const boxes = page.getByRole('checkbox');
    await boxes.nth(0).check();
    await boxes.nth(1).check();
    await page.getByRole('button', { name: /Compare/ }).click();
    await page.getByRole('heading', { name: 'Compare' }).waitFor();
    await page.locator('[aria-labelledby="compare-heading"] canvas').first().waitFor();
    await shot('07-compare');
  });

  test('the run page works at tablet width', async () => {
    await page.setViewportSize({ width: 768, height: 1024 });
    await page.goto(`${BASE}/#/runs/${backtestId}`);
    await page.getByTestId('candle-chart').locator('canvas').first().waitFor();
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    assert.ok(overflow <= 0, `the page is ${overflow}px wider than the viewport`);
    await shot('08-run-tablet');
  });

  test('nothing was requested from another origin and no script failed', () => {
    assert.deepEqual(foreignRequests, []);
    assert.deepEqual(pageErrors, []);
  });
});
