import { describe, expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { parseScheduleChange } from './changes.js';

const people = new Set(['alice', 'bob']);

describe('parseScheduleChange', () => {
  it('reads an override with ISO times and a swap with epoch times', () => {
    expect(parseScheduleChange({ kind: 'override', id: 'o1', person: 'alice', start: '2026-03-01T09:00:00+01:00', end: '2026-03-01T12:00:00Z' }, people))
      .toEqual({ kind: 'override', id: 'o1', person: 'alice', start: Date.parse('2026-03-01T08:00:00Z'), end: Date.parse('2026-03-01T12:00:00Z') });
    expect(parseScheduleChange({ kind: 'swap', id: 's1', first: { person: 'alice', start: 1, end: 2 }, second: { person: 'bob', start: 3, end: 4 } }, people))
      .toEqual({ kind: 'swap', id: 's1', first: { person: 'alice', start: 1, end: 2 }, second: { person: 'bob', start: 3, end: 4 } });
  });

  it('names every bad field', () => {
    let caught: unknown;
    try {
      parseScheduleChange({ kind: 'override', person: 'zed', start: '2026-03-01T09:00', end: 5 }, people);
    } catch (e) {
      caught = e;
    }
    expect(caught).toBeInstanceOf(InputError);
    expect((caught as InputError).problems.map((p) => p.path)).toEqual(['id', 'person', 'start']);
  });

  it('refuses a swap with the same person on both sides and an end before its start', () => {
    expect(() => parseScheduleChange({ kind: 'swap', id: 's', first: { person: 'bob', start: 5, end: 1 }, second: { person: 'bob', start: 3, end: 4 } }, people))
      .toThrow('invalid schedule change: first.end: must be after start');
    expect(() => parseScheduleChange({ kind: 'swap', id: 's', first: { person: 'bob', start: 1, end: 2 }, second: { person: 'bob', start: 3, end: 4 } }, people))
      .toThrow('second.person: a swap needs two different people');
  });
});
