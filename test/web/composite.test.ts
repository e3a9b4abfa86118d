/**
 * Composite SLOs in the console, in real Chromium against a real server on the bundled OpenSLO
 * composite (examples/composite/pay.yaml): the overview row with its marker and components, and
 * the composite's detail page.
 */
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { logIn, newBerlinPage } from './support/browser.js';
import { buildConsole, launchChromium, removeConsoleBuild, ROOT, startConsoleServer, type ConsoleServer } from './support/console-server.js';

const AXE_SOURCE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

let server: ConsoleServer;
let browser: Browser;

async function push(slo: string, good: number, total: number): Promise<void> {
  const res = await fetch(`${server.url}/api/v1/slis/${slo}/events`, {
    method: 'POST',
    headers: { authorization: `Bearer ${server.tokens.ingest}`, 'content-type': 'application/json' },
    body: JSON.stringify({ samples: [{ timestamp: Date.now() - 10 * 60_000, good, total }] }),
  });
  if (!res.ok) throw new Error(`push ${slo}: HTTP ${res.status} ${await res.text()}`);
}

beforeAll(async () => {
  await buildConsole();
  server = await startConsoleServer([join(ROOT, 'examples/composite/pay.yaml')]);
  // Latency spends exactly its own budget (10 slow of 1,000 at 99%); availability spends nothing.
  // The composite spends 0.8 x 0 + 0.2 x 1 and keeps 80%.
  await push('pay-experience-availability', 1000, 1000);
  await push('pay-experience-latency', 990, 1000);
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await removeConsoleBuild();
});

describe('composite SLOs in the console', () => {
  it('shows the composite in its service group with its marker, components and budget, and opens its detail', async () => {
    const { context, page } = await newBerlinPage(browser);
    try {
      await logIn(page, server.url, server.tokens.read);
      const group = page.getByRole('region', { name: 'web-shop' });
      const row = group.locator('tr[data-composite="true"]');
      await row.waitFor();
      expect(await row.getByRole('rowheader').getByRole('link').first().textContent()).toBe('pay-experience');
      expect(await row.locator('.composite-marker').textContent()).toBe('composite');
      expect(await row.locator('.composite-parts').getByRole('link').allTextContents()).toEqual(['Availability', 'Latency']);
      expect(await row.locator('.budget-value').textContent()).toBe('80.0%');
      // Plain SLO rows carry no marker.
      expect(await group.locator('tr:not([data-composite]) .composite-marker').count()).toBe(0);
      expect(await group.locator('tbody tr').count()).toBe(3);

      await row.getByRole('link', { name: 'pay-experience', exact: true }).click();
      await page.getByRole('heading', { level: 1, name: 'pay-experience composite' }).waitFor();
      expect(await page.locator('.budget-big .budget-value').textContent()).toBe('80.0%');
      const components = page.getByRole('region', { name: 'Components' });
      expect(await components.locator('tbody th a').allTextContents()).toEqual(['pay-experience-availability', 'pay-experience-latency']);
      expect(await components.locator('tbody td').allTextContents()).toEqual(['4', '80.0%', '0.0%', '1', '20.0%', '100.0%']);
      expect(await page.getByRole('region', { name: 'Burn rate' }).locator('tbody tr').count()).toBe(4);
      expect(await page.getByRole('region', { name: 'Definition' }).textContent()).toContain('compositeWeight: 4');
      // What does not apply to a composite is not shown.
      expect(await page.getByRole('heading', { name: 'SLI over time' }).count()).toBe(0);
      expect(await page.getByRole('heading', { name: 'Alert history' }).count()).toBe(0);

      // A component link leads to that SLO's own detail.
      await components.getByRole('link', { name: 'pay-experience-latency' }).click();
      await page.getByRole('heading', { name: 'SLI over time' }).waitFor();
      expect(await page.getByRole('heading', { level: 1 }).textContent()).toBe('Latency');
      expect(page.url()).toBe(`${server.url}/slos/pay-experience-latency`);
    } finally {
      await context.close();
    }
  });

  it('has no WCAG 2.1 A/AA violations on the overview and the composite detail', async () => {
    // bypassCSP lets the test inject axe; the console itself never needs inline scripts.
    const context = await browser.newContext({ bypassCSP: true, timezoneId: 'Europe/Berlin', locale: 'en-GB' });
    const page = await context.newPage();
    try {
      await logIn(page, server.url, server.tokens.read);
      await page.locator('tr[data-composite="true"]').waitFor();
      expect(await violations(page)).toEqual([]);
      await page.goto(`${server.url}/slos/pay-experience`);
      await page.getByRole('region', { name: 'Components' }).waitFor();
      expect(await violations(page)).toEqual([]);
    } finally {
      await context.close();
    }
  });
});

async function violations(page: Page): Promise<string[]> {
  await page.addScriptTag({ path: AXE_SOURCE });
  // A string, not a function: this file is type-checked without the DOM library.
  const found = (await page.evaluate(
    `axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'] }, resultTypes: ['violations'] }).then((r) => r.violations.map((v) => v.id + ': ' + v.help + ' — ' + v.nodes.map((n) => n.target.join(' ')).join(', ')))`,
  )) as string[];
  return found;
}
