/** Turn lengths: `12h`, `1d`, `2w`, `1mo`, or a mapping `{ weeks: 2 }`. */
import type { TurnLength, TurnUnit } from '../schedule/model.js';

const suffixes: Record<string, TurnUnit> = { h: 'hours', d: 'days', w: 'weeks', mo: 'months' };
const UNITS: readonly TurnUnit[] = ['hours', 'days', 'weeks', 'months'];

export const TURN_HINT = 'write a whole number with a unit: `12h`, `1d`, `1w`, `1mo`, or `{weeks: 1}`';

/** Returns the turn or an error message. */
export function parseTurnText(text: string): TurnLength | string {
  const m = /^\s*(\d+)\s*(h|d|w|mo|m)\s*$/.exec(text);
  if (!m) return `"${text}" is not a turn length; ${TURN_HINT}`;
  if (m[2] === 'm') return `"${text}" is ambiguous: use \`${m[1]}mo\` for months (turns shorter than an hour are not supported)`;
  return checkTurn(suffixes[m[2]], Number(m[1]));
}

export function parseTurnObject(unit: string, count: unknown): TurnLength | string {
  if (!(UNITS as readonly string[]).includes(unit)) return `unknown unit "${unit}"; use one of ${UNITS.join(', ')}`;
  if (typeof count !== 'number') return `expected a whole number of ${unit}`;
  return checkTurn(unit as TurnUnit, count);
}

function checkTurn(unit: TurnUnit, count: number): TurnLength | string {
  if (!Number.isInteger(count) || count < 1) return `the turn must be a whole number of ${unit} of at least 1`;
  const hours = { hours: 1, days: 24, weeks: 168, months: 730 }[unit] * count;
  if (hours > 366 * 24) return 'a turn longer than a year is not supported; shorten it';
  return { unit, count };
}

export function formatTurn(turn: TurnLength): string {
  const suffix = { hours: 'h', days: 'd', weeks: 'w', months: 'mo' }[turn.unit];
  return `${turn.count}${suffix}`;
}

export { UNITS as TURN_UNITS };
