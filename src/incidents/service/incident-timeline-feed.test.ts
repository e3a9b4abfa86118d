import { describe, expect, it } from 'vitest';
import type { Slo } from '../../slo/model.js';
import type { StoredAlertTransition } from '../../store/store.js';
import { newIncident, T0 } from '../test-builders.js';
import { pageEntryToIncidentEvent, transitionConcerns } from './incident-timeline-feed.js';

const entry = (kind: string, message: string, actor?: string) => ({ id: 7, pageId: 'pg_1', at: T0, kind, message, ...(actor ? { actor } : {}) }) as Parameters<typeof pageEntryToIncidentEvent>[1];
const transition = (slo: string, details: Record<string, unknown> = {}): StoredAlertTransition => ({ id: 1, slo, kind: 'page', event: 'fired', at: T0, burnRates: {}, details });

describe('pageEntryToIncidentEvent', () => {
  it('turns an escalation notification into a paged entry naming the step', () => {
    expect(pageEntryToIncidentEvent('pg_1', entry('notified', 'Paging step 2: schedule primary'))).toEqual({ type: 'paged', at: T0, pageId: 'pg_1', target: 'step 2: schedule primary' });
  });

  it('keeps who acknowledged and who resolved, and marks an auto-resolve', () => {
    expect(pageEntryToIncidentEvent('pg_1', entry('acknowledged', 'Acknowledged by olga', 'olga'))).toMatchObject({ type: 'acknowledged', by: 'olga' });
    expect(pageEntryToIncidentEvent('pg_1', entry('resolved', 'Resolved by pete', 'pete'))).toMatchObject({ type: 'pageResolved', by: 'pete', auto: false });
    expect(pageEntryToIncidentEvent('pg_1', entry('autoResolved', 'The alert resolved itself'))).toMatchObject({ type: 'pageResolved', auto: true });
  });

  it('leaves out page bookkeeping the incident does not need (retriggers, delivery failures)', () => {
    expect(pageEntryToIncidentEvent('pg_1', entry('retriggered', 'x'))).toBeNull();
    expect(pageEntryToIncidentEvent('pg_1', entry('deliveryFailed', 'x'))).toBeNull();
  });
});

describe('transitionConcerns', () => {
  const slo = { name: 'login-availability', service: 'auth', journey: 'login' } as unknown as Slo;
  it('matches an incident by SLO name, by the SLO service or by its journey', () => {
    expect(transitionConcerns(newIncident({ slos: ['login-availability'] }), transition('login-availability'), undefined)).toBe(true);
    expect(transitionConcerns(newIncident({ services: ['auth'], journeys: [] }), transition('login-availability'), slo)).toBe(true);
    expect(transitionConcerns(newIncident({ services: [], journeys: ['login'] }), transition('login-availability'), slo)).toBe(true);
    expect(transitionConcerns(newIncident({ services: ['shop'], journeys: [] }), transition('login-availability', { service: 'shop' }), undefined)).toBe(true);
  });

  it('ignores SLOs of other services', () => {
    expect(transitionConcerns(newIncident({ services: ['shop'], journeys: ['checkout'] }), transition('login-availability'), slo)).toBe(false);
  });
});
