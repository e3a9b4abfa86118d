/**
 * The status page in real headless Chromium: served by a plain node:http server on port 0,
 * rendered with and without JavaScript, checked for content, tooltips, escaping and a valid
 * Atom feed, and screenshotted (to a temp dir).
 */
import { mkdirSync, mkdtempSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { requireTool } from '../../test/support/require-tool.js';
import { renderAtomFeed, renderStatusJson } from './render-feeds.js';
import { renderStatusPageHtml } from './render-html.js';
import { XSS_TITLE, fixtureModel } from './test-fixture.js';

// The README's screenshot comes from the real server (test/statuspage); this renderer-level
// test keeps its screenshot in a temp dir so the two never race for one file.
const SCREENSHOT = join(mkdtempSync(join(tmpdir(), 'sloop-status-')), 'status-page.png');
const model = fixtureModel();

let server: Server;
let base = '';
let browser: Browser;

beforeAll(async () => {
  const executablePath = requireTool('chromium');
  const html = renderStatusPageHtml(model);
  const bodies: Record<string, [string, string]> = {
    '/status': ['text/html; charset=utf-8', html],
    '/status.json': ['application/json', renderStatusJson(model)],
    '/status.atom': ['application/atom+xml; charset=utf-8', renderAtomFeed(model)],
  };
  server = createServer((req, res) => {
    const hit = bodies[req.url ?? ''];
    res.writeHead(hit ? 200 : 404, { 'content-type': hit ? hit[0] : 'text/plain' });
    res.end(hit ? hit[1] : 'not found');
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  browser = await chromium.launch({
    executablePath,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
  });
});

afterAll(async () => {
  await browser?.close();
  await new Promise<void>((done) => (server ? server.close(() => done()) : done()));
});

async function open(javaScriptEnabled: boolean, colorScheme: 'light' | 'dark' = 'light'): Promise<Page> {
  const context = await browser.newContext({ javaScriptEnabled, colorScheme, viewport: { width: 1000, height: 900 } });
  const page = await context.newPage();
  const response = await page.goto(`${base}/status`);
  expect(response?.status()).toBe(200);
  return page;
}

/** The visible text of the page, as a reader (or a test without JavaScript) gets it. */
async function readable(page: Page): Promise<string> {
  return page.locator('body').innerText();
}

describe('status page in headless Chromium', () => {
  it('renders components, statuses, incidents and maintenance, and saves a screenshot', async () => {
    const page = await open(true);
    expect(await page.title()).toBe('Example Corp status: Major outage');
    expect(await page.locator('#overall-status').innerText()).toBe('Major outage');
    const components = await page.locator('li.component').evaluateAll((items) =>
      items.map((li) => [li.querySelector('.component-name')?.textContent, li.querySelector('.badge')?.textContent]),
    );
    expect(components).toEqual([
      ['Login', 'Major outage'],
      ['Checkout', 'Operational'],
      ['Public API', 'Operational'],
      ['Search', 'Under maintenance'],
    ]);
    expect(await page.locator('h3', { hasText: 'Core' }).count()).toBe(1);
    expect(await page.locator('#active-incidents article').count()).toBe(1);
    expect(await page.locator('#maintenance article h3').allInnerTexts()).toEqual(['Search index rebuild', 'Database upgrade']);
    expect(await page.locator('#history article h3').allInnerTexts()).toEqual(['Slow checkout']);
    mkdirSync(dirname(SCREENSHOT), { recursive: true });
    await page.screenshot({ path: SCREENSHOT, fullPage: true });
    await page.context().close();
  });

  it('draws 90 uptime bars per component, each with a tooltip and the same text for screen readers', async () => {
    const page = await open(true);
    for (const id of ['login', 'checkout', 'api', 'search']) {
      expect(await page.locator(`#component-${id} ol.bars > li.bar`).count()).toBe(90);
    }
    const last = page.locator('#component-login li.bar').last();
    expect(await last.getAttribute('title')).toBe('2026-11-27: 95.00% good of 10,000 events (outage; objective 99.90%)');
    expect(await last.locator('.visually-hidden').textContent()).toBe('2026-11-27: 95.00% good of 10,000 events (outage; objective 99.90%)');
    expect(await page.locator('#component-search li.bar.level-nodata').count()).toBe(30);
    expect(await page.locator('#component-login ol.bars').getAttribute('aria-label')).toBe('Daily uptime of Login over the last 90 days, oldest first');
    // The hidden text is really hidden from sight (1px clip), not just present.
    const box = await last.locator('.visually-hidden').boundingBox();
    expect(box === null || (box.width <= 1 && box.height <= 1)).toBe(true);
    await page.context().close();
  });

  it('shows an incident title with markup as text and never runs it', async () => {
    const page = await open(true);
    expect(await page.locator('#incident-INC-7-title').innerText()).toBe(XSS_TITLE);
    expect(await page.evaluate('typeof window.__pwned')).toBe('undefined');
    expect(await page.evaluate('document.scripts.length')).toBe(0);
    expect(await page.locator('#active-incidents img').count()).toBe(0);
    expect(await page.locator('#active-incidents').innerText()).toContain('We found the cause <img src=x onerror="window.__pwned=2"> and are rolling back.');
    await page.context().close();
  });

  it('reads the same without JavaScript', async () => {
    const withJs = await open(true);
    const withoutJs = await open(false);
    expect(await withJs.evaluate(() => 1 + 1)).toBe(2);
    const text = await readable(withoutJs);
    expect(text).toBe(await readable(withJs));
    expect(text).toContain('Major outage');
    expect(await withoutJs.locator('li.bar').count()).toBe(360);
    await withJs.context().close();
    await withoutJs.context().close();
  });

  it('switches to the dark palette when the reader prefers it', async () => {
    const light = await open(false, 'light');
    const dark = await open(false, 'dark');
    const bg = (p: Page) => p.evaluate('getComputedStyle(document.body).backgroundColor');
    expect(await bg(light)).toBe('rgb(247, 247, 248)');
    expect(await bg(dark)).toBe('rgb(18, 19, 22)');
    await light.context().close();
    await dark.context().close();
  });

  it('serves an Atom feed that parses as XML in the Atom namespace, and JSON', async () => {
    const page = await open(true);
    // Browser-side code as a string: this project compiles without the DOM library.
    const feed = await page.evaluate(`(async () => {
      const xml = await (await fetch('/status.atom')).text();
      const doc = new DOMParser().parseFromString(xml, 'application/xml');
      const ns = 'http://www.w3.org/2005/Atom';
      const entries = doc.getElementsByTagNameNS(ns, 'entry');
      return {
        error: doc.getElementsByTagName('parsererror').length,
        root: [doc.documentElement.namespaceURI, doc.documentElement.localName],
        entries: entries.length,
        firstTitle: entries[0].getElementsByTagNameNS(ns, 'title')[0].textContent,
      };
    })()`);
    expect(feed).toEqual({ error: 0, root: ['http://www.w3.org/2005/Atom', 'feed'], entries: 6, firstTitle: 'Scheduled maintenance: Database upgrade' });
    const json = await page.evaluate(`fetch('/status.json').then((r) => r.json()).then((b) => b.status.indicator)`);
    expect(json).toBe('major_outage');
    await page.context().close();
  });
});
