/** Browser helpers shared by the console's Chromium tests: contexts, log-in and the screenshot folder. */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { ROOT } from './console-server.js';

/** docs/screenshots with SLOOP_UPDATE_SCREENSHOTS=1, else a temp dir, so test runs leave the checkout clean. */
export async function screenshotDir(): Promise<{ dir: string; cleanUp(): Promise<void> }> {
  if (process.env.SLOOP_UPDATE_SCREENSHOTS === '1') return { dir: join(ROOT, 'docs/screenshots'), cleanUp: async () => {} };
  const dir = await mkdtemp(join(tmpdir(), 'sloop-shots-'));
  return { dir, cleanUp: () => rm(dir, { recursive: true, force: true }) };
}

export async function newBerlinPage(browser: Browser, options: { colorScheme?: 'light' | 'dark' } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ timezoneId: 'Europe/Berlin', locale: 'en-GB', viewport: { width: 1280, height: 800 }, colorScheme: options.colorScheme ?? 'light' });
  return { context, page: await context.newPage() };
}

export async function logIn(page: Page, url: string, token: string, path = '/'): Promise<void> {
  await page.goto(`${url}${path}`);
  await page.getByLabel('API token').fill(token);
  await page.getByRole('button', { name: 'Log in' }).click();
  await page.getByTestId('who').waitFor();
}
