/**
 * Running an incident from the console in real headless Chromium, against a real server on the
 * demo config with the checkout outage in progress: see the SLOs, open one, acknowledge the
 * page, declare an incident from it, assign a commander, post a status-page update and read it
 * on the public /status page, raise the severity, mark key moments, read the budget impact, set a
 * status-page component, write the postmortem and add an action item; read-only users see no
 * write buttons. With SLOOP_UPDATE_SCREENSHOTS=1 it saves docs/screenshots/console-incident.png
 * and console-postmortem.png.
 */
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildConsole, launchChromium, removeConsoleBuild, startDemoConsoleServer, waitFor, type ConsoleServer } from './support/console-server.js';
import { logIn, newBerlinPage, screenshotDir } from './support/browser.js';

let server: ConsoleServer;
let browser: Browser;
let shots: Awaited<ReturnType<typeof screenshotDir>>;

beforeAll(async () => {
  await buildConsole();
  server = await startDemoConsoleServer();
  browser = await launchChromium();
  shots = await screenshotDir();
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
  await shots?.cleanUp();
  await removeConsoleBuild();
});

const api = (method: string, path: string, body?: unknown): Promise<unknown> => server.api(method, path, body);

interface IncidentAnswer {
  incident: { id: string; title: string; severity: string; roles: Record<string, string>; status: string; componentOverrides: Record<string, string>; publicUpdates: Array<{ body: string }>; source: { type: string; pageId?: string } };
  timeline: Array<{ message: string; kind: string; pinned: boolean }>;
}

const incidentIdOf = (page: Page): string => decodeURIComponent(new URL(page.url()).pathname.split('/').pop()!);

describe('running an incident from the console', () => {
  let incidentId = '';
  let postmortemId = '';

  it('opens an SLO with its SLI chart and the YAML that defined it', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write);
    await page.getByRole('heading', { name: 'Service level objectives' }).waitFor();
    await page.getByRole('link', { name: 'Checkout availability' }).click();
    await page.getByRole('heading', { name: 'SLI over time' }).waitFor();
    const chart = page.getByRole('img', { name: /^SLI over the window/ });
    // The outage drags the SLI below the 99.95% objective in the latest intervals.
    expect(await chart.getAttribute('aria-label')).toMatch(/[1-9]\d* of \d+ intervals below the objective of 99\.95%/);
    const yaml = page.getByRole('region', { name: 'Definition' }).locator('pre');
    await yaml.waitFor();
    const text = await yaml.textContent();
    expect(text).toContain('name: checkout-availability');
    expect(text).toContain('objective: 99.95');
    expect(text).not.toContain('checkout-latency');
    expect(await page.getByText(/examples\/slos\/shop\.yaml:\d+/).count()).toBeGreaterThan(0);
    await context.close();
  });

  it('acknowledges the page and declares an incident from it', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, '/pages');
    const row = page.locator('table.pages tbody tr').filter({ hasText: 'Triggered' }).first();
    await row.waitFor();
    const pageId = await row.getAttribute('data-page');
    await row.getByRole('button', { name: 'Acknowledge' }).click();
    await page.locator(`tr[data-page="${pageId}"] .badge`, { hasText: 'Acknowledged' }).waitFor();
    await page.locator(`tr[data-page="${pageId}"]`).getByRole('button', { name: 'Declare incident' }).click();
    await page.waitForURL(/\/incidents\/[^/]+$/);
    incidentId = incidentIdOf(page);
    await page.getByRole('heading', { name: new RegExp(`^${incidentId}:`) }).waitFor();
    const stored = (await api('GET', `/api/v1/incidents/${incidentId}`)) as IncidentAnswer;
    expect(stored.incident.source).toEqual({ type: 'page', pageId });
    // The incident carries the page's SLO, linked from its facts.
    await page.getByRole('link', { name: 'checkout-availability' }).waitFor();
    await context.close();
  });

  it('assigns a commander, who posts an update that the public status page shows', async () => {
    const { context, page } = await newBerlinPage(browser);
    const streams: string[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname === '/api/v1/events/stream') streams.push(request.url());
    });
    await logIn(page, server.url, server.tokens.write, `/incidents/${incidentId}`);
    const me = (await page.getByTestId('who').textContent())!.trim();
    const commander = page.getByRole('row', { name: /Incident Commander/ });
    // The person field suggests you and the on-call config's people by name.
    expect(await commander.getByLabel('Incident Commander: person').getAttribute('list')).toBe('incident-role-people');
    await page.locator('datalist#incident-role-people option[value="ann"]').waitFor({ state: 'attached' });
    expect(await page.locator('datalist#incident-role-people option[value="ann"]').textContent()).toBe('Ann Lee');
    expect(await page.locator(`datalist#incident-role-people option[value="${me}"]`).textContent()).toBe('you');
    await commander.getByLabel('Incident Commander: person').fill(me);
    await commander.getByRole('button', { name: 'Assign' }).click();
    await commander.getByRole('button', { name: 'Hand over' }).waitFor();
    expect(((await api('GET', `/api/v1/incidents/${incidentId}`)) as IncidentAnswer).incident.roles.commander).toBe(me);

    const update = 'Some card payments fail at checkout. We are rolling back the latest release.';
    await page.getByLabel(/Public text/).fill(update);
    await page.getByLabel('Status shown').selectOption('identified');
    await page.getByRole('button', { name: 'Post to status page' }).click();
    await page.getByRole('list', { name: 'Posted status-page updates' }).getByText(update).waitFor();
    expect(((await api('GET', `/api/v1/incidents/${incidentId}`)) as IncidentAnswer).incident.publicUpdates.map((u) => u.body)).toEqual([update]);

    // The public page needs no log-in.
    // The page is cacheable for 30 s, so wait for the server's answer before a browser caches one.
    await waitFor(async () => (await (await fetch(`${server.url}/status`)).text()).includes('rolling back the latest release'), 'the update on /status');
    const visitor = await newBerlinPage(browser);
    await visitor.page.goto(`${server.url}/status`);
    await visitor.page.getByText(update).waitFor();
    await visitor.context.close();

    // The timeline follows changes made elsewhere without a reload: the view does not poll, it
    // reloads on the incident.changed event the server sends for this incident.
    expect(streams.length).toBeGreaterThan(0);
    await api('POST', `/api/v1/incidents/${incidentId}/notes`, { text: 'Rollback of release 2026.11.3 started' });
    await page.getByRole('list', { name: 'Timeline, oldest first' }).getByText('Rollback of release 2026.11.3 started').waitFor();
    await page.getByLabel('Note for the timeline').fill('Error rate back under 0.1%');
    await page.getByRole('button', { name: 'Add note' }).click();
    await page.getByRole('list', { name: 'Timeline, oldest first' }).getByText('Error rate back under 0.1%').waitFor();
    await page.screenshot({ path: join(shots.dir, 'console-incident.png'), fullPage: true });
    await context.close();
  });

  it('raises the severity SEV2 -> SEV1 and renames the incident, with the rubric beside the choice; the timeline records both', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, `/incidents/${incidentId}`);
    const form = page.getByRole('form', { name: 'Change severity or title' });
    const picker = form.getByLabel('Severity', { exact: true });
    await picker.waitFor();
    expect(await picker.inputValue()).toBe('SEV2');
    await picker.selectOption('SEV1');
    expect(await form.locator('.rubric dt').count()).toBeGreaterThan(1);
    expect(await form.locator('.rubric .chosen dt').textContent()).toContain('SEV1');
    expect(await form.locator('.rubric .chosen dd').textContent()).toContain('Full or near-full outage of a critical journey.');
    await form.getByLabel('Title').fill('Card payments fail at checkout');
    await form.getByRole('button', { name: 'Save severity and title' }).click();
    await form.getByRole('status').filter({ hasText: 'Severity changed from SEV2 to SEV1' }).waitFor();
    const timeline = page.getByRole('list', { name: 'Timeline, oldest first' });
    await timeline.getByText('Severity changed from SEV2 to SEV1').waitFor();
    await timeline.getByText('Title changed to "Card payments fail at checkout"').waitFor();
    await page.getByRole('heading', { name: `${incidentId}: Card payments fail at checkout` }).waitFor();
    await page.locator('.title-row .badge', { hasText: 'SEV1' }).waitFor();
    // The form follows the incident again after saving.
    expect(await picker.inputValue()).toBe('SEV1');
    const stored = (await api('GET', `/api/v1/incidents/${incidentId}`)) as IncidentAnswer;
    expect(stored.incident.severity).toBe('SEV1');
    expect(stored.incident.title).toBe('Card payments fail at checkout');
    expect(stored.timeline.find((e) => e.message === 'Severity changed from SEV2 to SEV1')).toMatchObject({ kind: 'severityChanged' });
    await context.close();
  });

  it('marks a timeline entry as a key moment by keyboard, and unmarks it', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, `/incidents/${incidentId}`);
    const note = 'Rollback of release 2026.11.3 started';
    const entry = page.getByRole('list', { name: 'Timeline, oldest first' }).getByRole('listitem').filter({ hasText: note });
    const pinnedInApi = async (): Promise<boolean> => ((await api('GET', `/api/v1/incidents/${incidentId}`)) as IncidentAnswer).timeline.find((e) => e.message === note)!.pinned;
    expect(await pinnedInApi()).toBe(false);
    await entry.getByRole('button', { name: 'Mark as key moment' }).focus();
    await page.keyboard.press('Enter');
    const unmark = entry.getByRole('button', { name: 'Unmark key moment' });
    await unmark.waitFor();
    expect(await entry.locator('.meta').textContent()).toContain('key moment');
    expect(await entry.getAttribute('class')).toContain('pinned');
    expect(await pinnedInApi()).toBe(true);
    // Focus stays on the entry's button, so the next Enter undoes it.
    expect(await page.evaluate('document.activeElement && document.activeElement.textContent')).toBe('Unmark key moment');
    await page.keyboard.press('Enter');
    await entry.getByRole('button', { name: 'Mark as key moment' }).waitFor();
    expect(await entry.getAttribute('class')).not.toContain('pinned');
    expect(await pinnedInApi()).toBe(false);
    // Pin it for good: the postmortem's key moments come from pinned entries.
    await entry.getByRole('button', { name: 'Mark as key moment' }).click();
    await unmark.waitFor();
    expect(await pinnedInApi()).toBe(true);
    await context.close();
  });

  it('shows the budget the incident consumed per SLO, as the impact API computes it', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, `/incidents/${incidentId}`);
    const row = page.getByRole('table', { name: 'Error budget consumed per SLO' }).locator('tr[data-slo="checkout-availability"]');
    await row.waitFor();
    expect(await row.getByRole('rowheader').textContent()).toBe('Checkout availability');
    const cells = await row.getByRole('cell').allTextContents();
    const share = /^(\d+(?:\.\d)?)% of the 28-day budget$/.exec(cells[0]!);
    expect(share, cells[0]).not.toBeNull();
    expect(Number(share![1])).toBeGreaterThan(0);
    expect(cells[1]).toMatch(/^\d[\d,.]* of \d[\d,.]*$/);
    const { impact } = (await api('GET', `/api/v1/incidents/${incidentId}/impact`)) as { impact: { slos: Array<{ slo: string; consumed: number; badEvents: number }> } };
    const checkout = impact.slos.find((s) => s.slo === 'checkout-availability')!;
    expect(checkout.consumed).toBeGreaterThan(0);
    expect(checkout.badEvents).toBeGreaterThan(0);
    await context.close();
  });

  it('sets a status-page component to partial outage, which the public /status page shows', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, `/incidents/${incidentId}`);
    const effective = async (): Promise<string> =>
      ((await api('GET', '/api/v1/status/components')) as { components: Array<{ id: string; status: string }> }).components.find((c) => c.id === 'shop')!.status;
    // Derived from SEV1 before the override (once the server's status model has caught up).
    await waitFor(async () => (await effective()) === 'major_outage', 'shop in major outage from SEV1');
    const form = page.getByRole('form', { name: "Set a component's status" });
    await form.getByLabel('Component').selectOption('shop');
    await form.getByLabel('Status').selectOption('partial_outage');
    await form.getByRole('button', { name: 'Set component status' }).click();
    const row = page.getByRole('table', { name: 'Components this incident sets on the status page' }).locator('tr[data-component="shop"]');
    await row.waitFor();
    expect(await row.getByRole('cell').allTextContents()).toEqual(expect.arrayContaining(['Partial outage']));
    await page.getByRole('list', { name: 'Timeline, oldest first' }).getByText('Component shop set to partial_outage').waitFor();
    const stored = (await api('GET', `/api/v1/incidents/${incidentId}`)) as IncidentAnswer;
    expect(stored.incident.componentOverrides).toEqual({ shop: 'partial_outage' });
    // The server rebuilds the status model every few seconds; the override then wins over SEV1's.
    await waitFor(async () => (await effective()) === 'partial_outage', 'shop in partial outage on /api/v1/status/components');

    // The page is cacheable for 30 s, so wait for the server's answer before a browser caches one.
    await waitFor(async () => /id="component-shop"[\s\S]*?class="badge status-partial_outage"/.test(await (await fetch(`${server.url}/status`)).text()), 'shop in partial outage on /status');
    const visitor = await newBerlinPage(browser);
    await visitor.page.goto(`${server.url}/status`);
    expect(await visitor.page.locator('#component-shop .badge').textContent()).toBe('Partial outage');
    await visitor.context.close();
    await context.close();
  });

  it('creates the postmortem prefilled from the incident, edits it and adds an action item', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, `/incidents/${incidentId}`);
    const me = (await page.getByTestId('who').textContent())!.trim();
    await page.getByRole('button', { name: 'Create postmortem' }).click();
    await page.waitForURL(/\/postmortems\/[^/]+$/);
    postmortemId = incidentIdOf(page);
    await page.getByRole('heading', { name: new RegExp(`^Postmortem ${postmortemId}`) }).waitFor();
    const fields = page.locator('textarea');
    expect(await fields.count()).toBeGreaterThan(2);
    const bodies = await Promise.all((await fields.all()).map((f) => f.inputValue()));
    // Prefilled from the incident: its budget impact on the page's SLO and who took part.
    expect(bodies.join('\n')).toMatch(/consumed \d+% of the Checkout availability SLO's 28-day budget/);
    expect(bodies.join('\n')).toContain(me);

    const first = fields.first();
    const key = (await first.getAttribute('id'))!.replace(/^pm-/, '');
    await first.fill('Checkout failed for card payments after release 2026.11.3; a rollback fixed it.');
    await page.getByRole('button', { name: 'Save changes' }).click();
    await page.getByRole('status').filter({ hasText: 'Saved 1 section' }).waitFor();
    const stored = (await api('GET', `/api/v1/postmortems/${postmortemId}`)) as { postmortem: { sections: Array<{ key: string; body: string }> } };
    expect(stored.postmortem.sections.find((s) => s.key === key)!.body).toBe('Checkout failed for card payments after release 2026.11.3; a rollback fixed it.');

    await page.getByLabel('What will be done').fill('Canary card payments before a full release');
    await page.getByLabel('Owner').fill('ann');
    await page.getByLabel('Due date').fill('2030-01-15');
    await page.getByLabel('Priority').selectOption('P0');
    await page.getByRole('button', { name: 'Add action item' }).click();
    await page.getByRole('table', { name: /Action items of/ }).getByText('Canary card payments before a full release').waitFor();
    const actions = (await api('GET', `/api/v1/actions?incident=${incidentId}`)) as { actions: Array<{ title: string; owner: string; dueAt: number; priority: string; postmortemId: string | null }> };
    const item = actions.actions.find((a) => a.title === 'Canary card payments before a full release')!;
    expect(item).toMatchObject({ owner: 'ann', priority: 'P0', postmortemId });
    // The end of 15 January in the viewer's zone (Berlin, UTC+1 in winter).
    expect(new Date(item.dueAt).toISOString()).toBe('2030-01-15T22:59:00.000Z');
    await page.screenshot({ path: join(shots.dir, 'console-postmortem.png'), fullPage: true });
    await context.close();
  });

  it('shows read-only users the incident and postmortem without any write button (in the dark theme)', async () => {
    const { context, page } = await newBerlinPage(browser, { colorScheme: 'dark' });
    await logIn(page, server.url, server.tokens.read, `/incidents/${incidentId}`);
    await page.getByRole('heading', { name: 'Timeline' }).waitFor();
    expect(await page.evaluate('getComputedStyle(document.body).backgroundColor')).toBe('rgb(13, 17, 23)');
    await page.screenshot({ path: join(shots.dir, 'console-incident-dark.png') });
    const writeButtons = ['Assign', 'Hand over', 'Post to status page', 'Add note', 'Resolve incident', 'Create postmortem', 'Add action item'];
    // The severity form, key-moment toggles and component overrides are writers' too.
    writeButtons.push('Save severity and title', 'Mark as key moment', 'Unmark key moment', 'Set component status', 'Clear the override of shop');
    for (const name of writeButtons) {
      expect(await page.getByRole('button', { name }).count(), name).toBe(0);
    }
    expect(await page.getByRole('form', { name: 'Change severity or title' }).count()).toBe(0);
    expect(await page.locator('select').count()).toBe(0);
    // What they may read is still there: the budget impact and the components set by hand.
    await page.getByRole('table', { name: 'Error budget consumed per SLO' }).locator('tr[data-slo="checkout-availability"]').waitFor();
    await page.getByRole('table', { name: 'Components this incident sets on the status page' }).getByText('Partial outage').waitFor();
    await page.goto(`${server.url}/postmortems/${postmortemId}`);
    await page.locator('textarea').first().waitFor();
    expect(await page.getByRole('button', { name: 'Save changes' }).count()).toBe(0);
    expect(await page.locator('textarea').first().getAttribute('readonly')).not.toBeNull();
    await page.goto(`${server.url}/incidents`);
    await page.getByRole('link', { name: new RegExp(`^${incidentId}:`) }).waitFor();
    expect(await page.getByRole('button', { name: 'Declare an incident' }).count()).toBe(0);
    await context.close();
  });

  it('declares an incident by hand with the rubric beside the severity, then resolves it', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, '/incidents');
    await page.getByRole('button', { name: 'Declare an incident' }).click();
    await page.getByLabel(/^Title/).fill('Search results are empty for some queries');
    await page.getByLabel('Severity', { exact: true }).selectOption('SEV3');
    expect(await page.locator('.rubric dt').count()).toBeGreaterThan(1);
    expect(await page.locator('.rubric .chosen dt').textContent()).toContain('SEV3');
    await page.getByRole('button', { name: 'Declare incident' }).click();
    await page.waitForURL(/\/incidents\/[^/]+$/);
    const id = incidentIdOf(page);
    expect(id).not.toBe(incidentId);
    await page.getByRole('heading', { name: new RegExp(`^${id}: Search results are empty`) }).waitFor();
    await page.getByLabel(/Closing note/).fill('Index rebuilt');
    await page.getByRole('button', { name: 'Resolve incident' }).click();
    await page.locator('.badge', { hasText: 'Resolved' }).waitFor();
    expect(((await api('GET', `/api/v1/incidents/${id}`)) as IncidentAnswer).incident.status).toBe('resolved');
    await context.close();
  });

  it('lists action items and the follow-through report', async () => {
    const { context, page } = await newBerlinPage(browser);
    await logIn(page, server.url, server.tokens.write, '/incidents');
    await page.getByRole('link', { name: /Action items and the follow-through report/ }).click();
    await page.getByRole('heading', { name: /Follow-through of the last \d+ incidents/ }).waitFor();
    await page.getByRole('table', { name: /By due date/ }).getByText('Canary card payments before a full release').waitFor();
    await page.getByRole('button', { name: /^Mark .* done$/ }).first().click();
    await waitFor(async () => ((await api('GET', '/api/v1/actions?status=done')) as { actions: unknown[] }).actions.length > 0, 'an action item marked done');
    await context.close();
  });
});
