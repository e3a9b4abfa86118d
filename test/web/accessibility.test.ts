/**
 * Accessibility of every console view, checked by axe-core in real Chromium against the demo
 * (checkout outage in progress, a page, an incident with a postmortem and an action item), in the
 * light and the dark theme: WCAG 2.1 A and AA rules, colour contrast included. A violation is
 * reported with its rule, impact and the elements it found, so the fix is obvious.
 */
import { createRequire } from 'node:module';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, launchChromium, removeConsoleBuild, startDemoConsoleServer, type ConsoleServer } from './support/console-server.js';
import { logIn } from './support/browser.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');
const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

let server: ConsoleServer;
let browser: Browser;
let incidentId = '';
let postmortemId = '';

const api = (method: string, path: string, body?: unknown): Promise<any> => server.api(method, path, body);

beforeAll(async () => {
  await buildConsole();
  server = await startDemoConsoleServer();
  const now = Date.now();
  const page = (await api('GET', '/api/v1/pages?status=triggered')).pages[0] as { id: string };
  incidentId = (await api('POST', `/api/v1/pages/${encodeURIComponent(page.id)}/incident`, {})).incident.id;
  await api('POST', `/api/v1/incidents/${encodeURIComponent(incidentId)}/notes`, { text: 'Rolling back release 2026.11.3' });
  postmortemId = (await api('POST', `/api/v1/incidents/${encodeURIComponent(incidentId)}/postmortem`, {})).postmortem.id;
  await api('POST', '/api/v1/actions', { title: 'Alert on card-processor timeouts', owner: 'ann', dueAt: now + 14 * 86_400_000, priority: 'P1', incidentId });
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeConsoleBuild();
});

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  // A string, not a function: this file is type-checked without the DOM library.
  const found = (await page.evaluate(`axe.run(document, { runOnly: { type: 'tag', values: ${JSON.stringify(WCAG_TAGS)} }, resultTypes: ['violations'] }).then((r) => r.violations)`)) as AxeViolation[];
  return found.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.nodes.slice(0, 3).map((n) => n.target.join(' ')).join(', ')}${v.nodes.length > 3 ? `, +${v.nodes.length - 3} more` : ''}`);
}

/** Each view with what to wait for before checking it: its data, not just its frame. */
const VIEWS: Array<{ name: string; path: () => string; ready: (page: Page) => Promise<void> }> = [
  { name: 'SLO overview', path: () => '/', ready: (p) => p.getByRole('link', { name: 'Checkout availability' }).waitFor() },
  { name: 'SLO detail', path: () => '/slos/checkout-availability', ready: (p) => p.getByRole('heading', { name: 'SLI over time' }).waitFor() },
  { name: 'pages', path: () => '/pages', ready: (p) => p.locator('table.pages tbody tr').first().waitFor() },
  { name: 'on-call now', path: () => '/oncall', ready: (p) => p.locator('main table, main ul').first().waitFor() },
  { name: 'on-call calendar', path: () => '/oncall/schedules/shop-primary', ready: (p) => p.locator('.calendar [data-kind="layer"]').first().waitFor() },
  { name: 'on-call load', path: () => '/oncall/load', ready: (p) => p.locator('main table').first().waitFor() },
  { name: 'incidents', path: () => '/incidents', ready: (p) => p.getByRole('link', { name: incidentId }).first().waitFor() },
  { name: 'incident', path: () => `/incidents/${incidentId}`, ready: (p) => p.getByText('Rolling back release 2026.11.3').waitFor() },
  { name: 'postmortem', path: () => `/postmortems/${postmortemId}`, ready: (p) => p.locator('main textarea, main article').first().waitFor() },
  { name: 'action items', path: () => '/actions', ready: (p) => p.getByText('Alert on card-processor timeouts').first().waitFor() },
];

it('finds a planted contrast failure and an unlabelled field, so a clean result means something', async () => {
  const context = await browser.newContext({ bypassCSP: true });
  const page = await context.newPage();
  await logIn(page, server.url, server.tokens.read, '/');
  await page.getByRole('link', { name: 'Checkout availability' }).waitFor();
  await page.evaluate(`document.querySelector('main').insertAdjacentHTML('beforeend', '<p style="color:#777;background:#888">barely readable</p><input type="text">')`);
  const found = await violations(page);
  expect(found.some((v) => v.startsWith('color-contrast'))).toBe(true);
  expect(found.some((v) => v.startsWith('label'))).toBe(true);
  await context.close();
});

for (const colorScheme of ['light', 'dark'] as const) {
  describe(`console accessibility, ${colorScheme} theme`, () => {
    it('has no WCAG 2.1 A/AA violations on the log-in page', async () => {
      const context = await browser.newContext({ colorScheme, bypassCSP: true, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
      const page = await context.newPage();
      await page.goto(server.url);
      await page.getByLabel('API token').waitFor();
      expect(await violations(page)).toEqual([]);
      await context.close();
    });

    it.each(VIEWS.map((v) => [v.name, v] as const))('has no WCAG 2.1 A/AA violations on %s', async (_name, view) => {
      // bypassCSP lets the test inject axe; the console itself never needs inline scripts.
      const context = await browser.newContext({ colorScheme, bypassCSP: true, timezoneId: 'Europe/Berlin', locale: 'en-GB', viewport: { width: 1280, height: 800 } });
      const page = await context.newPage();
      await logIn(page, server.url, server.tokens.admin, view.path());
      await view.ready(page);
      expect(await violations(page)).toEqual([]);
      await context.close();
    });
  });
}
