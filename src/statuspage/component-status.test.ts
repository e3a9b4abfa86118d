import { describe, expect, it } from 'vitest';
import { defaultIncidentsConfig } from '../incidents/config.js';
import type { Incident } from '../incidents/model.js';
import { componentStatus, rollup } from './component-status.js';
import type { StatusComponent } from './config.js';
import { createMaintenance, maintenanceState } from './maintenance.js';
import { MAINTENANCES, NOW, PAGE_CONFIG, fixtureIncidents } from './test-fixture.js';

const severities = defaultIncidentsConfig().severities;
const [login, checkout, api, search] = PAGE_CONFIG.components as [StatusComponent, StatusComponent, StatusComponent, StatusComponent];

describe('component status', () => {
  const incidents = fixtureIncidents();

  it('maps an open public SEV1 to major outage on the components it names', () => {
    expect(componentStatus(login, incidents, [], severities, NOW)).toBe('major_outage');
  });

  it('ignores incidents not yet on the status page and resolved ones', () => {
    // INC-8 (SEV2, payments) has no public update; INC-5 (payments) is resolved.
    expect(componentStatus(checkout, incidents, [], severities, NOW)).toBe('operational');
  });

  it('shows a running maintenance, not an announced one', () => {
    expect(componentStatus(search, [], MAINTENANCES, severities, NOW)).toBe('under_maintenance');
    expect(componentStatus(checkout, [], MAINTENANCES, severities, NOW)).toBe('operational');
  });

  it('lets the Communications lead override the derived status', () => {
    const withOverride: Incident[] = incidents.map((i) => (i.id === 'INC-7' ? { ...i, componentOverrides: { login: 'degraded_performance', api: 'partial_outage' } } : i));
    expect(componentStatus(login, withOverride, [], severities, NOW)).toBe('degraded_performance');
    expect(componentStatus(api, withOverride, [], severities, NOW)).toBe('partial_outage');
  });
});

describe('overall rollup', () => {
  it('is a major outage from the threshold share of components in major outage', () => {
    expect(rollup(['major_outage', 'operational', 'operational', 'operational'], 0.25)).toEqual({ status: 'major_outage', label: 'Major outage' });
    expect(rollup(['major_outage', 'operational', 'operational', 'operational', 'operational'], 0.25)).toEqual({ status: 'partial_outage', label: 'Partial outage' });
  });

  it('ranks degraded over maintenance over operational', () => {
    expect(rollup(['under_maintenance', 'degraded_performance'], 0.25).status).toBe('degraded_performance');
    expect(rollup(['under_maintenance', 'operational'], 0.25).label).toBe('Maintenance in progress');
    expect(rollup(['operational'], 0.25).label).toBe('All systems operational');
    expect(rollup([], 0.25).status).toBe('operational');
  });
});

describe('maintenance windows', () => {
  it('moves from scheduled to upcoming (announced) to in progress to completed', () => {
    const w = { announceAt: 10, startsAt: 20, endsAt: 30 };
    expect([5, 10, 20, 30].map((t) => maintenanceState(w, t))).toEqual(['scheduled', 'upcoming', 'in_progress', 'completed']);
  });

  it('validates windows field by field and announces a week ahead by default', () => {
    const ok = createMaintenance({ title: 'DB upgrade', components: ['checkout'], startsAt: NOW + 10 * 86_400_000, endsAt: NOW + 10 * 86_400_000 + 3_600_000 }, ['checkout'], { id: 'MW-9', now: NOW, by: 'erin' });
    expect(ok.announceAt).toBe(NOW + 3 * 86_400_000);
    expect(() => createMaintenance({ title: '', components: ['nope'], startsAt: NOW + 2, endsAt: NOW + 1 }, ['checkout'], { id: 'x', now: NOW, by: 'erin' })).toThrow(
      'maintenance window is invalid: title: is required; give the maintenance title; components[0]: unknown component "nope"; use one of checkout; endsAt: must be after startsAt. Fix the named fields and try again.',
    );
  });
});
