/**
 * The on-call views in real headless Chromium against a real server on the demo's on-call
 * config: the calendar of final shifts (people by name), an override and a swap checked for
 * fairness before saving (fair ones, and unfair ones that need an exception), and the
 * per-person load report.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, launchChromium, removeConsoleBuild, ROOT, startConsoleServer, type ConsoleServer } from './support/console-server.js';
import { logIn, newBerlinPage, screenshotDir } from './support/browser.js';

let server: ConsoleServer;
let browser: Browser;
let shots: Awaited<ReturnType<typeof screenshotDir>>;

beforeAll(async () => {
  await buildConsole();
  server = await startConsoleServer([join(ROOT, 'examples/slos/shop.yaml'), join(ROOT, 'examples/oncall')]);
  browser = await launchChromium();
  shots = await screenshotDir();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await shots?.cleanUp();
  await removeConsoleBuild();
});

// Display names of examples/oncall/oncall.yaml: the console shows these, with the id on hover.
const NAMES: Record<string, string> = { ann: 'Ann Lee', ben: 'Ben Ortiz', cat: 'Cat Novak', dan: 'Dan Okafor', eve: 'Eve Schmidt', fay: 'Fay Dubois', gus: 'Gus Berg', hal: 'Hal Moreno' };

/** The [id on hover, shown text] of every person element under `selector`. */
async function shownPeople(page: Page, selector: string): Promise<Array<[string | null, string | null]>> {
  return page.locator(selector).evaluateAll((els) => els.map((e) => [e.getAttribute('title'), e.textContent] as [string | null, string | null]));
}

/** "2026-11-28T09:00" for a datetime-local input, in the page's zone. */
async function localInput(page: Page, at: number): Promise<string> {
  return page.evaluate((ms) => {
    const d = new Date(ms);
    const pad = (n: number): string => String(n).padStart(2, '0');
    return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
  }, at);
}

const apiGet = <T>(path: string): Promise<T> => server.api<T>('GET', path);

async function changes(schedule: string): Promise<Array<{ id: string; change: Record<string, unknown>; reason: string | null }>> {
  return (await apiGet<{ changes: Array<{ id: string; change: Record<string, unknown>; reason: string | null }> }>(`/api/v1/schedules/${schedule}/overrides`)).changes;
}

describe('on-call calendar', () => {
  it('shows a schedule as a calendar and saves a fair override only after showing the verdict', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, '/oncall');
    await page.getByRole('link', { name: 'shop-primary' }).click();
    await page.getByRole('heading', { name: 'Schedule shop-primary' }).waitFor();
    await page.locator('.calendar [data-kind="layer"]').first().waitFor();
    // 28 days in the grid, filled by the weekly layer.
    expect(await page.getByRole('listitem').filter({ has: page.locator('h3') }).count()).toBe(28);
    expect(await page.locator('.calendar [data-kind="layer"]').count()).toBeGreaterThan(20);
    expect(await page.locator('.calendar [data-kind="override"]').count()).toBe(0);
    // People by name, id on hover: also those not on call now (four or more in four weekly turns).
    const shown = await shownPeople(page, '.calendar [data-kind="layer"] .person');
    expect(shown.length).toBeGreaterThan(20);
    for (const [id, text] of shown) expect(text).toBe(NAMES[id!]);
    expect(new Set(shown.map(([id]) => id)).size).toBeGreaterThanOrEqual(4);

    const save = page.getByRole('button', { name: 'Save override' });
    expect(await save.isDisabled()).toBe(true);
    // The demo rotation sits exactly at the one-in-four limit, so most extra hours are refused:
    // the API names the people a short override leaves within the rule.
    const from = await page.evaluate((v) => new Date(v).getTime(), await page.getByLabel('From', { exact: true }).inputValue());
    const fair: string[] = [];
    for (const person of ['ann', 'ben', 'cat', 'dan', 'eve', 'fay', 'gus', 'hal']) {
      const res = await fetch(`${server.url}/api/v1/schedules/shop-primary/fairness?person=${person}&from=${from}&to=${from + 8 * 3_600_000}`, { headers: { authorization: `Bearer ${server.tokens.admin}` } });
      if (((await res.json()) as { verdict: { accepted: boolean } }).verdict.accepted) fair.push(person);
    }
    expect(fair.length).toBeGreaterThan(0);
    expect(fair.length).toBeLessThan(8);
    await page.getByLabel('Who covers').selectOption(fair[0]!);
    await page.getByLabel('Reason').fill('Covers the evening release');
    await page.getByRole('button', { name: 'Check fairness' }).click();
    await page.getByText('Fair:').waitFor();
    expect(await changes('shop-primary')).toHaveLength(0);
    await save.click();
    await page.getByText(/Saved override/).waitFor();

    const saved = await changes('shop-primary');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.change.person).toBe(fair[0]);
    expect(saved[0]!.reason).toBe('Covers the evening release');
    await page.locator('.calendar [data-kind="override"]').first().waitFor();
    expect(await page.locator('.calendar [data-kind="override"]').first().textContent()).toContain('override');
    await page.screenshot({ path: join(shots.dir, 'console-oncall-calendar.png'), fullPage: true });
    await context.close();
  });

  it('asks for an approved exception when the fairness rule refuses, and records it', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, '/oncall/schedules/shop-primary');
    const refusedPerson = (await changes('shop-primary')).some((c) => c.change.person === 'dan') ? 'eve' : 'dan';
    await page.getByLabel('Who covers').selectOption(refusedPerson);
    // Four weeks of one person in an eight-person rotation breaks the one-in-four rule.
    const from = await page.getByLabel('From', { exact: true }).inputValue();
    const to = await page.evaluate((f) => {
      const d = new Date(new Date(f).getTime() + 28 * 86_400_000);
      const pad = (n: number): string => String(n).padStart(2, '0');
      return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
    }, from);
    await page.getByLabel('To', { exact: true }).fill(to);
    await page.getByRole('button', { name: 'Check fairness' }).click();
    await page.getByText('Refused by the fairness rule:').waitFor();
    await page.getByRole('group', { name: /Exception/ }).waitFor();
    const before = (await changes('shop-primary')).length;

    await page.getByLabel('Approved by').fill('Team lead Ivy');
    await page.getByLabel('Why the exception').fill('Dan volunteered for the holiday block');
    await page.getByRole('button', { name: 'Save override' }).click();
    await page.getByText(/Saved override/).waitFor();
    const after = await changes('shop-primary');
    expect(after).toHaveLength(before + 1);
    expect(after.some((c) => c.change.person === refusedPerson)).toBe(true);
    await context.close();
  });

  it('shows a swap\'s fairness verdict before saving: a fair one, then an unfair one that needs an exception', async () => {
    // shop-secondary is untouched by the other tests. Its next two weekly turns (P1, then P2):
    const now = Date.now();
    const { shifts } = await apiGet<{ shifts: Array<{ start: number; end: number; people: string[] }> }>(`/api/v1/schedules/shop-secondary/shifts?from=${now}&to=${now + 21 * 86_400_000}`);
    const [turn1, turn2] = [shifts[1]!, shifts[2]!];
    const [p1, p2] = [turn1.people[0]!, turn2.people[0]!];
    expect(p1).not.toBe(p2);
    const day = 86_400_000;
    const hour = 3_600_000;

    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, '/oncall/schedules/shop-secondary');
    await page.getByRole('radio', { name: /Swap: two people/ }).check();
    await page.locator('#ov-person').selectOption(p1);
    await page.locator('#ov-from').fill(await localInput(page, turn1.start + day));
    await page.locator('#ov-to').fill(await localInput(page, turn1.start + day + 8 * hour));
    await page.locator('#ov-other').selectOption(p2);
    await page.locator('#ov-other-from').fill(await localInput(page, turn2.start + day));
    await page.locator('#ov-other-to').fill(await localInput(page, turn2.start + day + 8 * hour));
    const save = page.getByRole('button', { name: 'Save swap' });
    expect(await save.isDisabled()).toBe(true);

    // Eight hours each way inside their own turns: both stay at one week in four.
    await page.getByRole('button', { name: 'Check fairness' }).click();
    await page.getByText('Fair:').waitFor();
    expect(await page.getByRole('status').textContent()).toContain(`${NAMES[p1]} swaps with ${NAMES[p2]}`);
    expect(await save.isDisabled()).toBe(false);
    expect(await changes('shop-secondary')).toHaveLength(0);

    // P1 taking all of P2's turn puts P1 at 328 h in 28 days: refused, before anything is saved.
    await page.locator('#ov-other-from').fill(await localInput(page, turn2.start));
    await page.locator('#ov-other-to').fill(await localInput(page, turn2.end));
    expect(await page.getByText('Fair:').count()).toBe(0);
    expect(await save.isDisabled()).toBe(true);
    await page.getByRole('button', { name: 'Check fairness' }).click();
    await page.getByText('Refused by the fairness rule:').waitFor();
    const over = page.getByRole('list', { name: 'Over the fairness limit' });
    expect(await over.getByRole('listitem').count()).toBe(1);
    expect(await over.textContent()).toMatch(new RegExp(`^${NAMES[p1]}: 328 h on call in the 28 days from .*160 h over the limit of 168 h`));
    expect(await page.getByText('Saving it needs an approved exception').count()).toBe(1);
    await page.getByRole('group', { name: /Exception/ }).waitFor();
    expect(await changes('shop-secondary')).toHaveLength(0);

    await page.getByLabel('Approved by').fill('Team lead Ivy');
    await page.getByLabel('Why the exception').fill(`${NAMES[p2]} is on leave that week`);
    await save.click();
    await page.getByText(/Saved swap/).waitFor();
    const saved = await changes('shop-secondary');
    expect(saved).toHaveLength(1);
    expect(saved[0]!.change).toMatchObject({ kind: 'swap', first: { person: p1 }, second: { person: p2, start: turn2.start, end: turn2.end } });
    await context.close();
  });

  it('shows read-only users the calendar without the form or delete buttons', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.read, '/oncall/schedules/shop-primary');
    await page.getByRole('heading', { name: /Final shifts/ }).waitFor();
    await page.getByRole('heading', { name: 'Overrides and swaps' }).waitFor();
    expect(await page.getByRole('button', { name: 'Check fairness' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /^Delete/ }).count()).toBe(0);
    await context.close();
  });

  it('reports the load per person with hours, nights, weekends and pages', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.read, '/oncall');
    await page.getByRole('link', { name: /Load report/ }).click();
    await page.getByRole('heading', { name: 'On-call load' }).waitFor();
    const table = page.getByRole('table', { name: /Per person/ });
    await table.waitFor();
    // Everyone in the two weekly rotations has a row; each schedule has its coverage row.
    expect(await table.locator('tbody tr').count()).toBe(8);
    const rows = await shownPeople(page, 'table:has(caption:text("Per person")) tbody th .person');
    expect(rows.map(([id, text]) => [id, text]).sort()).toEqual(Object.entries(NAMES).sort());
    const caption = await table.locator('caption').textContent();
    await page.getByRole('button', { name: 'Next 30 days' }).click();
    await page.getByRole('button', { name: 'Next 30 days', pressed: true }).waitFor();
    await page.getByRole('table', { name: /Per person/ }).locator('caption').filter({ hasNotText: caption! }).waitFor();
    const perSchedule = page.getByRole('table', { name: 'Per schedule' });
    expect(await perSchedule.locator('tbody tr').count()).toBe(2);
    expect(await perSchedule.getByRole('row', { name: /shop-secondary/ }).textContent()).toMatch(/\d+ h/);
    const carried = await shownPeople(page, 'table:has(caption:text("Per schedule")) tbody td .person');
    expect(carried.length).toBeGreaterThan(0);
    for (const [id, text] of carried) expect(text).toBe(NAMES[id!]);
    await context.close();
  });
});

describe('on-call views stay current', () => {
  it('shows an override saved and deleted elsewhere without a reload (schedule.changed events)', async () => {
    // This file's server runs without its background loops; the event feed is what carries this.
    await server.runtime.feed.start();
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.read, '/oncall/schedules/shop-primary');
    await page.locator('.calendar [data-kind="layer"]').first().waitFor();
    const overrides = page.locator('.calendar [data-kind="override"]');
    const before = await overrides.count();
    // An hour tomorrow for someone the fairness rule lets take it, saved through the API.
    const from = Math.ceil(Date.now() / 3_600_000) * 3_600_000 + 24 * 3_600_000;
    const to = from + 3_600_000;
    let person: string | undefined;
    for (const candidate of Object.keys(NAMES)) {
      const verdict = await apiGet<{ verdict: { accepted: boolean } }>(`/api/v1/schedules/shop-primary/fairness?person=${candidate}&from=${from}&to=${to}`);
      if (verdict.verdict.accepted) {
        person = candidate;
        break;
      }
    }
    expect(person).toBeDefined();
    const auth = { authorization: `Bearer ${server.tokens.admin}`, 'content-type': 'application/json' };
    const created = await fetch(`${server.url}/api/v1/schedules/shop-primary/overrides`, { method: 'POST', headers: auth, body: JSON.stringify({ person, from, to, reason: 'saved from another tab' }) });
    expect(created.status).toBe(201);
    const { change } = (await created.json()) as { change: { id: string } };
    await expect.poll(() => overrides.count(), { timeout: 15_000 }).toBeGreaterThan(before);
    const deleted = await fetch(`${server.url}/api/v1/schedules/shop-primary/overrides/${change.id}`, { method: 'DELETE', headers: { authorization: auth.authorization } });
    expect(deleted.status).toBe(200);
    await expect.poll(() => overrides.count(), { timeout: 15_000 }).toBe(before);
    await context.close();
  });
});
