import { expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { ALERT_TRANSITION_EVENT, type AlertTransition } from '../store.js';
import { BASE_MS as T, type ContractContext } from './context.js';

const fired = (slo: string, at: number, rate = 20): AlertTransition => ({
  slo,
  kind: 'page',
  event: 'fired',
  at,
  burnRates: { '1h': rate, '5m': rate * 1.5 },
  details: { factor: 14.4 },
});
const resolved = (slo: string, at: number): AlertTransition => ({ slo, kind: 'page', event: 'resolved', at, burnRates: { '1h': 1 } });

export function alertsContract(ctx: ContractContext): void {
  it('records a transition, sets the current state and appends an event in one step', async () => {
    const store = ctx.store();
    const { recorded } = await store.recordAlertTransitions([fired('login', T)], { now: T + 5 });
    expect(recorded).toHaveLength(1);
    expect(recorded[0]).toMatchObject({ slo: 'login', kind: 'page', event: 'fired', at: T, burnRates: { '1h': 20, '5m': 30 } });
    expect(await store.getAlertStates()).toEqual([
      { slo: 'login', kind: 'page', firing: true, since: T, burnRates: { '1h': 20, '5m': 30 }, details: { factor: 14.4 } },
    ]);
    const events = await store.readEventsAfter(0);
    expect(events).toEqual([{ id: events[0]!.id, type: ALERT_TRANSITION_EVENT, payload: recorded[0], at: T + 5 }]);
  });

  it('re-recording the same transition duplicates neither history, state nor events', async () => {
    const store = ctx.store();
    await store.recordAlertTransitions([fired('login', T)]);
    const again = await store.recordAlertTransitions([fired('login', T, 99)]);
    expect(again.recorded).toEqual([]);
    expect(await store.listAlertTransitions()).toHaveLength(1);
    expect((await store.getAlertStates())[0]!.burnRates['1h']).toBe(20);
    expect(await store.readEventsAfter(0)).toHaveLength(1);
  });

  it('moves the state forward on resolve and never back for an older transition', async () => {
    const store = ctx.store();
    await store.recordAlertTransitions([fired('login', T), resolved('login', T + 60_000)]);
    expect(await store.getAlertStates()).toMatchObject([{ slo: 'login', kind: 'page', firing: false, since: T + 60_000 }]);
    const late = await store.recordAlertTransitions([fired('login', T - 60_000)]);
    expect(late.recorded).toHaveLength(1);
    expect(await store.getAlertStates()).toMatchObject([{ firing: false, since: T + 60_000 }]);
  });

  it('keeps one state per SLO and alert kind', async () => {
    const store = ctx.store();
    await store.recordAlertTransitions([
      fired('login', T),
      { ...fired('login', T), kind: 'ticket' },
      fired('search', T + 1),
      resolved('search', T + 2),
    ]);
    const states = await store.getAlertStates();
    expect(states.map((s) => `${s.slo}/${s.kind}/${s.firing}`)).toEqual(['login/page/true', 'login/ticket/true', 'search/page/false']);
  });

  it('filters transitions by SLO, kind, event, time range and limit, newest first', async () => {
    const store = ctx.store();
    await store.recordAlertTransitions([
      fired('login', T),
      resolved('login', T + 10),
      fired('login', T + 20),
      fired('search', T + 5),
      { ...fired('search', T + 30), kind: 'ticket' },
    ]);
    const at = (list: { at: number }[]) => list.map((t) => t.at - T);
    expect(at(await store.listAlertTransitions())).toEqual([30, 20, 10, 5, 0]);
    expect(at(await store.listAlertTransitions({ slo: 'login' }))).toEqual([20, 10, 0]);
    expect(at(await store.listAlertTransitions({ kind: 'ticket' }))).toEqual([30]);
    expect(at(await store.listAlertTransitions({ event: 'fired', slo: 'login' }))).toEqual([20, 0]);
    expect(at(await store.listAlertTransitions({ since: T + 5, until: T + 20 }))).toEqual([10, 5]);
    expect(at(await store.listAlertTransitions({ limit: 2 }))).toEqual([30, 20]);
  });

  it('records without events when asked to', async () => {
    const store = ctx.store();
    await store.recordAlertTransitions([fired('login', T)], { appendEvents: false });
    expect(await store.getAlertStates()).toHaveLength(1);
    expect(await store.readEventsAfter(0)).toEqual([]);
  });

  it('rejects a transition with a non-finite burn rate and records none of the batch', async () => {
    const store = ctx.store();
    const bad = { ...fired('search', T), burnRates: { '1h': Number.POSITIVE_INFINITY } };
    const error = await store.recordAlertTransitions([fired('login', T), bad]).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).problems).toEqual([{ path: 'transitions[1].burnRates.1h', message: expect.any(String) }]);
    expect(await store.listAlertTransitions()).toEqual([]);
    expect(await store.getAlertStates()).toEqual([]);
  });
}
