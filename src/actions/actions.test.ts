import { describe, expect, it } from 'vitest';
import { InputError } from '../errors/index.js';
import { renderWeeklyDigest } from './digest.js';
import { followThroughReport, median } from './follow-through.js';
import { isOverdue, type ActionItem } from './model.js';
import { actionItemFromPage, createActionItem, updateActionItem } from './transitions.js';

const DAY = 86_400_000;
const NOW = Date.UTC(2026, 10, 27, 9, 0);

function item(id: string, over: Partial<ActionItem> & { incidentId?: string | null }): ActionItem {
  const base = createActionItem(
    { title: `Item ${id}`, owner: 'alice', dueAt: NOW + DAY, priority: 'P1' },
    { source: 'postmortem', incidentId: over.incidentId ?? 'INC-1', postmortemId: 'PM-1' },
    { id, now: over.createdAt ?? NOW - 10 * DAY },
  );
  return { ...base, ...over };
}

describe('action items', () => {
  it('creates an item linked to its incident and postmortem', () => {
    const a = createActionItem(
      { title: 'Add a canary stage', owner: 'bob', dueAt: NOW + 7 * DAY, priority: 'P0', trackerUrl: 'https://tracker.example/T-1' },
      { source: 'postmortem', incidentId: 'INC-3', postmortemId: 'PM-3' },
      { id: 'A-1', now: NOW },
    );
    expect(a).toMatchObject({ id: 'A-1', status: 'open', priority: 'P0', incidentId: 'INC-3', postmortemId: 'PM-3', trackerUrl: 'https://tracker.example/T-1', doneAt: null, version: 1 });
  });

  it('requires a reason for wont_do, naming the field', () => {
    const a = item('A-1', {});
    try {
      updateActionItem(a, { status: 'wont_do' }, NOW);
      expect.unreachable();
    } catch (err: unknown) {
      expect(err).toBeInstanceOf(InputError);
      expect((err as InputError).problems).toEqual([{ path: 'wontDoReason', message: 'is required when the status is wont_do; say why the team decided not to do it' }]);
    }
    const closed = updateActionItem(a, { status: 'wont_do', wontDoReason: 'service is being retired in December' }, NOW);
    expect(closed).toMatchObject({ status: 'wont_do', wontDoReason: 'service is being retired in December', version: 2 });
  });

  it('rejects bad fields all at once', () => {
    expect(() => createActionItem({ title: '', owner: '', dueAt: 'tomorrow', priority: 'urgent', trackerUrl: 'javascript:alert(1)' }, { source: 'incident' }, { id: 'x', now: NOW })).toThrow(
      /title: .*owner: .*dueAt: .*priority: .*trackerUrl: must be an http\(s\) URL; incidentId: is required/,
    );
  });

  it('stamps doneAt when done and clears it when reopened', () => {
    const done = updateActionItem(item('A-1', {}), { status: 'done' }, NOW);
    expect(done.doneAt).toBe(NOW);
    expect(updateActionItem(done, { status: 'in_progress' }, NOW + 1).doneAt).toBeNull();
  });

  it('turns a non-actionable page follow-up into a P0 item with source page', () => {
    const a = actionItemFromPage({ pageId: 'p-7', title: 'Fix or delete alert DiskAlmostFull', detail: 'Resolved as not actionable' }, 'carol', { id: 'A-9', now: NOW });
    expect(a).toMatchObject({ source: 'page', pageId: 'p-7', priority: 'P0', owner: 'carol', dueAt: NOW + 7 * DAY, incidentId: null });
  });

  it('counts an open item past its due date as overdue, a closed one never', () => {
    expect(isOverdue({ status: 'open', dueAt: NOW - 1 }, NOW)).toBe(true);
    expect(isOverdue({ status: 'done', dueAt: NOW - 1 }, NOW)).toBe(false);
  });
});

describe('follow-through report', () => {
  const incidents = [
    { id: 'INC-1', title: 'Login down', declaredAt: NOW - 30 * DAY },
    { id: 'INC-2', title: 'Checkout slow', declaredAt: NOW - 20 * DAY },
    { id: 'INC-3', title: 'Search errors', declaredAt: NOW - 5 * DAY },
  ];
  const items = [
    item('A-1', { incidentId: 'INC-1', status: 'done', createdAt: NOW - 29 * DAY, doneAt: NOW - 27 * DAY, dueAt: NOW - 25 * DAY }),
    item('A-2', { incidentId: 'INC-2', status: 'done', createdAt: NOW - 19 * DAY, doneAt: NOW - 13 * DAY, dueAt: NOW - 15 * DAY }),
    item('A-3', { incidentId: 'INC-2', owner: 'bob', dueAt: NOW - 3 * DAY, priority: 'P2' }),
    item('A-4', { incidentId: 'INC-3', owner: 'bob', dueAt: NOW - 1 * DAY, priority: 'P0' }),
    item('A-5', { incidentId: 'INC-3', status: 'wont_do', wontDoReason: 'duplicate of A-4' }),
    item('A-6', { incidentId: 'INC-3', dueAt: NOW + 3 * DAY }),
    { ...actionItemFromPage({ pageId: 'p-1', title: 'Delete alert X', detail: '' }, 'carol', { id: 'A-7', now: NOW - 12 * DAY }) },
    // From an incident outside the last two, and a page before the oldest reported incident.
    { ...actionItemFromPage({ pageId: 'p-0', title: 'Old page', detail: '' }, 'carol', { id: 'A-8', now: NOW - 40 * DAY }) },
  ];

  it('answers shipped, overdue and median time to ship for the last N incidents', () => {
    const report = followThroughReport({ incidents, items, now: NOW, lastIncidents: 2 });
    expect(report.incidents.map((i) => i.id)).toEqual(['INC-3', 'INC-2']);
    expect(report.incidentItems).toEqual({ total: 5, shipped: 1, wontDo: 1, open: 3, overdue: 2 });
    expect(report.pageFollowUps).toEqual({ total: 1, shipped: 0, wontDo: 0, open: 1, overdue: 1 });
    expect(report.medianDaysToShip).toBe(6);
    expect(report.onTimeShare).toBe(0);
    expect(report.overdueByOwner.map((g) => [g.owner, g.items.map((i) => [i.id, i.daysOverdue])])).toEqual([
      ['bob', [['A-4', 1], ['A-3', 3]]],
      ['carol', [['A-7', 5]]],
    ]);
  });

  it('includes every incident when N covers them all', () => {
    const report = followThroughReport({ incidents, items, now: NOW, lastIncidents: 10 });
    expect(report.incidentItems.shipped).toBe(2);
    expect(report.medianDaysToShip).toBe(4);
    expect(report.onTimeShare).toBe(0.5);
    expect(report.pageFollowUps.total).toBe(1);
  });

  it('computes medians of odd and even lists', () => {
    expect(median([])).toBeNull();
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 2, 3])).toBe(2.5);
  });
});

describe('weekly digest', () => {
  it('renders text and escaped HTML from the same report', () => {
    const items = [item('A-1', { title: 'Fix <img src=x onerror=alert(1)>', owner: 'dana', dueAt: NOW - 2 * DAY })];
    const report = followThroughReport({ incidents: [{ id: 'INC-1', title: 't', declaredAt: NOW - 9 * DAY }], items, now: NOW, lastIncidents: 5 });
    const digest = renderWeeklyDigest(report, { title: 'Payments team' });
    expect(digest.subject).toBe('Payments team: 1 overdue action item (week of 2026-11-27)');
    expect(digest.text).toContain('    - [P1] Fix <img src=x onerror=alert(1)> (A-1, due 2026-11-25, 2 days overdue, INC-1)');
    expect(digest.text).toContain('Median time to ship: nothing shipped yet');
    expect(digest.html).toContain('Fix &lt;img src=x onerror=alert(1)&gt;');
    expect(digest.html).not.toContain('<img');
  });

  it('says when nothing is overdue', () => {
    const digest = renderWeeklyDigest(followThroughReport({ incidents: [], items: [], now: NOW, lastIncidents: 5 }));
    expect(digest.text).toContain('Nothing is overdue.');
    expect(digest.html).toContain('<p>Nothing is overdue.</p>');
  });
});
