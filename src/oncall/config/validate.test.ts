import { describe, expect, it } from 'vitest';
import { LineCounter, parseDocument } from 'yaml';
import { formatDiagnostic } from '../../errors/index.js';
import { parseOnCallDocument } from './parse.js';
import { validateSchedules } from './validate.js';

function schedulesOf(text: string) {
  const lineCounter = new LineCounter();
  const r = parseOnCallDocument(parseDocument(text, { lineCounter }), lineCounter, 'oncall.yaml');
  expect(r.diagnostics).toEqual([]);
  return r.schedules;
}

const doc = (layers: string) => `apiVersion: sloop/v1
kind: OnCall
people:
${['a', 'b', 'c', 'd'].map((p) => `  - { id: ${p}, name: ${p}, timeZone: UTC, contactMethods: [{ type: webhook, url: "http://localhost/${p}" }] }`).join('\n')}
schedules:
  - name: primary
    timeZone: UTC
    layers:
${layers}`;

describe('validateSchedules', () => {
  it('warns about gaps with their times, and flags unfair rotations as errors', () => {
    const schedules = schedulesOf(doc(`      - name: business
        participants: [a, b]
        turn: 1w
        start: 2026-01-05
        restrictions: [{ timeOfDay: "09:00-17:00", days: [mon, tue, wed, thu, fri] }]
`));
    const out = validateSchedules(schedules, { now: Date.parse('2026-01-05T00:00:00Z'), days: 28 }).map(formatDiagnostic);
    expect(out[0]).toBe(
      'oncall.yaml:9:5: warning: schedules[0]: nobody is on call for 512 h of the next 28 days (2026-01-05 00:00 to 2026-01-05 09:00, 2026-01-05 17:00 to 2026-01-06 09:00, 2026-01-06 17:00 to 2026-01-07 09:00 and 18 more); pages in those gaps reach no one. Add a layer or widen restrictions to cover them, or accept them deliberately',
    );
    // Two people on business hours: 80 h in 28 days each = 11.9%, within the limit; the size warning remains.
    expect(out.slice(1)).toEqual([expect.stringMatching(/^oncall\.yaml:12:9: warning: schedules\[0\]\.layers\[0\]: layer business of primary rotates 2 people/)]);
  });

  it('reports nothing for a fair, gap-free four-person rotation', () => {
    const schedules = schedulesOf(doc(`      - { name: weekly, participants: [a, b, c, d], turn: 1w, start: 2026-01-05 }
`));
    expect(validateSchedules(schedules, { now: Date.parse('2026-01-05T09:00:00Z') })).toEqual([]);
  });

  it('is an error when a layer puts someone on call half the time', () => {
    const schedules = schedulesOf(doc(`      - { name: weekly, participants: [a, b], turn: 1w, start: 2026-01-05 }
`));
    const errors = validateSchedules(schedules, { now: Date.parse('2026-01-05T09:00:00Z') }).filter((d) => d.severity === 'error');
    expect(errors.map((e) => e.message.slice(0, 50))).toEqual(['a would be on call 336 h of the 28 days from 2026-', 'b would be on call 336 h of the 28 days from 2026-']);
  });
});

describe('validateSchedules across schedules', () => {
  it('reports a person who is fair on each schedule but on call two weeks in four overall', () => {
    const two = `apiVersion: sloop/v1
kind: OnCall
people:
${['a', 'b', 'c', 'd', 'x', 'y', 'z'].map((p) => `  - { id: ${p}, name: ${p}, timeZone: UTC, contactMethods: [{ type: webhook, url: "http://localhost/${p}" }] }`).join('\n')}
schedules:
  - name: payments
    timeZone: UTC
    layers: [{ name: weekly, participants: [a, b, c, d], turn: 1w, start: 2026-01-05 }]
  - name: search
    timeZone: UTC
    layers: [{ name: weekly, participants: [a, x, y, z], turn: 1w, start: 2026-01-19 }]
`;
    const out = validateSchedules(schedulesOf(two), { now: Date.parse('2026-01-05T09:00:00Z') }).filter((d) => d.severity === 'error').map(formatDiagnostic);
    expect(out).toEqual([
      expect.stringMatching(/^oncall\.yaml:12:5: error: schedules\[0\]: a would be on call 336 h of 28 days across payments, search \(50%\); the limit is one week in four/),
    ]);
  });
});
