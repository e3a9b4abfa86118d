/**
 * The status page served by the REAL sloop server (in-process, listening on port 0, real
 * SQLite store, 90 days of ingested SLI data, an incident and maintenance created through the
 * API), in real headless Chromium: content, rollup, 90 bars with tooltips, escaping of an
 * incident title with markup, maintenance, the same content without JavaScript, the no-JS
 * subscription form, and a screenshot for the docs.
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import type { AddressInfo } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../support/require-tool.js';
import { bearer, ingestNinetyDays, NOW, startStatusRig, type StatusRig } from './support/status-rig.js';

// docs/screenshots with SLOOP_UPDATE_SCREENSHOTS=1 (like the console test), else a temp dir,
// so ordinary test runs leave the checkout clean.
const SCREENSHOT = process.env.SLOOP_UPDATE_SCREENSHOTS === '1'
  ? resolve(dirname(fileURLToPath(import.meta.url)), '../../docs/screenshots/status-page.png')
  : join(mkdtempSync(join(tmpdir(), 'sloop-status-')), 'status-page.png');
const XSS_TITLE = '<script>window.__pwned = 1</script>Login <b>errors</b> & "timeouts"';
const XSS_UPDATE = 'We found the cause <img src=x onerror="window.__pwned=2"> and are rolling back.';
const MIN = 60_000;

let rig: StatusRig;
let browser: Browser;
let base = '';

beforeAll(async () => {
  const executablePath = requireTool('chromium');
  rig = await startStatusRig();
  await ingestNinetyDays(rig);
  const write = bearer(rig.tokens.erin);
  const post = async (url: string, payload: unknown, status = 201) => {
    const res = await rig.inject({ method: 'POST', url, headers: write, payload: payload as Record<string, unknown> });
    expect(res.statusCode, `${url}: ${res.body}`).toBe(status);
    return res.json();
  };
  const id = (await post('/api/v1/incidents', { title: XSS_TITLE, severity: 'SEV1', journeys: ['login'], customerSummary: 'Some customers cannot sign in.' })).incident.id;
  await post(`/api/v1/incidents/${id}/roles`, { action: 'assign', role: 'communicationsLead', person: 'erin' }, 200);
  await post(`/api/v1/incidents/${id}/notes`, { text: 'INTERNAL: rolled back by hand' });
  await post(`/api/v1/incidents/${id}/status-updates`, { body: 'We are investigating failed sign-ins.' });
  await post(`/api/v1/incidents/${id}/status-updates`, { body: XSS_UPDATE, status: 'identified' });
  await post('/api/v1/maintenance', { title: 'Search index rebuild', description: 'Results may be incomplete.', components: ['search'], startsAt: NOW - 30 * MIN, endsAt: NOW + 60 * MIN });
  await post('/api/v1/maintenance', { title: 'Database upgrade', description: 'Checkout read-only for 10 minutes.', components: ['checkout'], startsAt: NOW + 2 * 86_400_000, endsAt: NOW + 2 * 86_400_000 + 30 * MIN });
  rig.runtime.deps.statusPage!.source.invalidate();
  await rig.runtime.app.listen({ port: 0, host: '127.0.0.1' });
  base = `http://127.0.0.1:${(rig.runtime.app.server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await rig?.close();
});

async function open(javaScriptEnabled: boolean): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, colorScheme: 'light', viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(`${base}/status`);
  expect(response?.status()).toBe(200);
  return page;
}

describe('status page from the real server in headless Chromium', () => {
  it('renders components, the rollup, the incident and maintenance, and saves the screenshot', async () => {
    const page = await open(true);
    expect(await page.title()).toBe('Example Shop status: Major outage');
    expect(await page.locator('#overall-status').innerText()).toBe('Major outage');
    const components = await page.locator('li.component').evaluateAll((items) =>
      items.map((li) => [li.querySelector('.component-name')?.textContent, li.querySelector('.badge')?.textContent]),
    );
    expect(components).toEqual([['Login', 'Major outage'], ['Checkout', 'Operational'], ['Search', 'Under maintenance']]);
    expect(await page.locator('section.group > h3').allTextContents()).toEqual(['Core', 'Catalogue']);
    expect(await page.locator('#active-incidents article').count()).toBe(1);
    expect(await page.locator('#active-incidents').innerText()).toContain('We are investigating failed sign-ins.');
    expect(await page.locator('#active-incidents').innerText()).not.toContain('INTERNAL');
    expect(await page.locator('#maintenance article h3').allInnerTexts()).toEqual(['Search index rebuild', 'Database upgrade']);
    // The hashed inline style is allowed by the CSP: the page's palette applies.
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(247, 247, 248)');
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.context().close();
  });

  it('draws 90 uptime bars per component from the ingested SLI data, each with a tooltip', async () => {
    const page = await open(true);
    for (const id of ['login', 'checkout', 'search']) expect(await page.locator(`#component-${id} ol.bars > li.bar`).count()).toBe(90);
    const today = page.locator('#component-login li.bar').last();
    expect(await today.getAttribute('title')).toBe('2026-11-27: 95.83% good of 12,000 events (outage; objective 99.90%)');
    expect(await today.locator('.visually-hidden').textContent()).toBe('2026-11-27: 95.83% good of 12,000 events (outage; objective 99.90%)');
    expect(await page.locator('#component-login li.bar.level-degraded').count()).toBe(1);
    expect(await page.locator('#component-search li.bar.level-nodata').count()).toBe(30);
    expect(await page.locator('#component-checkout li.bar.level-operational').count()).toBe(90);
    await page.context().close();
  });

  it('shows an incident title with markup as text and never runs it', async () => {
    const page = await open(true);
    const title = page.locator('#active-incidents article h3');
    expect(await title.innerText()).toBe(XSS_TITLE);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.evaluate('document.scripts.length')).toBe(0);
    expect(await page.locator('#active-incidents img').count()).toBe(0);
    expect(await page.locator('#active-incidents').innerText()).toContain(XSS_UPDATE);
    await page.context().close();
  });

  it('reads the same without JavaScript', async () => {
    const withJs = await open(true);
    const withoutJs = await open(false);
    expect(await withJs.evaluate(() => 1 + 1)).toBe(2);
    const text = await withoutJs.locator('body').innerText();
    expect(text).toBe(await withJs.locator('body').innerText());
    expect(text).toContain('Major outage');
    expect(text).toContain('Search index rebuild');
    expect(await withoutJs.locator('li.bar').count()).toBe(270);
    await withJs.context().close();
    await withoutJs.context().close();
  });

  it('subscribes a webhook through the plain form without JavaScript, and lists field errors when the URL is wrong', async () => {
    const page = await open(false);
    await page.locator('#subscribe-target').fill('not a url');
    await page.locator('#subscribe button[type=submit]').click();
    await page.waitForURL(`${base}/status/subscriptions`);
    expect(await page.locator('h1').innerText()).toBe('Subscription not saved');
    expect(await page.locator('.problems').innerText()).toContain('target must be an http(s) URL');
    await page.goto(`${base}/status`);
    await page.locator('#subscribe-target').fill('http://127.0.0.1:9/status-hook');
    await page.locator('#subscribe button[type=submit]').click();
    await page.waitForURL(`${base}/status/subscriptions`);
    expect(await page.locator('h1').innerText()).toBe('Subscribed');
    expect(await page.locator('main').innerText()).toMatch(/Signing secret: whsec_\S+/);
    await page.context().close();
  });
});
