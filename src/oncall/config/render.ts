/**
 * Writes people and schedules back as a `kind: OnCall` YAML document (used by the PagerDuty
 * import). The output parses with parseOnCallDocument into the same model.
 */
import { DateTime } from 'luxon';
import { stringify } from 'yaml';
import { defaultFairness, type Layer, type Person, type Schedule, type WeeklyWindow } from '../schedule/model.js';
import { formatClock } from '../schedule/wall-clock.js';
import { DAY_ABBREVIATIONS } from './restrictions.js';
import { formatTurn } from './turn.js';

export function renderOnCallYaml(config: { people: readonly Person[]; schedules: readonly Schedule[] }, headerComments: readonly string[] = []): string {
  const doc = {
    apiVersion: 'sloop/v1',
    kind: 'OnCall',
    ...(config.people.length > 0 ? { people: config.people.map(renderPerson) } : {}),
    schedules: config.schedules.map(renderSchedule),
  };
  const header = headerComments.map((c) => `# ${c}`).join('\n');
  return (header ? `${header}\n` : '') + stringify(doc, { lineWidth: 0 });
}

function renderPerson(p: Person): Record<string, unknown> {
  return {
    id: p.id,
    name: p.name,
    ...(p.email ? { email: p.email } : {}),
    timeZone: p.timeZone,
    contactMethods: p.contactMethods.map((m) => ({ ...m })),
    ...(p.notificationRules.length > 0 ? { notificationRules: p.notificationRules.map((r) => ({ contactMethod: r.contactMethod, after: `${r.afterSeconds}s` })) } : {}),
  };
}

function renderSchedule(s: Schedule): Record<string, unknown> {
  const f = s.fairness;
  const isDefault = f.maxShare === defaultFairness.maxShare && f.horizonDays === defaultFairness.horizonDays && f.minRotationSize === defaultFairness.minRotationSize;
  return {
    name: s.name,
    ...(s.description ? { description: s.description } : {}),
    timeZone: s.timeZone,
    ...(s.team ? { team: s.team } : {}),
    ...(isDefault ? {} : { fairness: { ...f } }),
    layers: s.layers.map((l) => renderLayer(l, s.timeZone)),
  };
}

function renderLayer(l: Layer, zone: string): Record<string, unknown> {
  const instant = (ms: number) => DateTime.fromMillis(ms, { zone }).toISO({ suppressMilliseconds: true });
  return {
    name: l.name,
    participants: [...l.participants],
    turn: formatTurn(l.turn),
    handoffTime: formatClock(l.handoffMinute),
    start: l.startDate,
    ...(l.activeFrom !== undefined ? { activeFrom: instant(l.activeFrom) } : {}),
    ...(l.activeUntil !== undefined ? { activeUntil: instant(l.activeUntil) } : {}),
    ...(l.handoffMode !== 'wallclock' ? { handoffMode: l.handoffMode } : {}),
    ...(l.coOnCall ? { coOnCall: true } : {}),
    ...(l.restrictions.length > 0 ? { restrictions: renderRestrictions(l.restrictions) } : {}),
  };
}

/** Windows sharing a daily shape collapse to one `timeOfDay`/`days` entry; others are `weekly`. */
export function renderRestrictions(windows: readonly WeeklyWindow[]): Record<string, unknown>[] {
  const daily = new Map<string, number[]>();
  const out: Record<string, unknown>[] = [];
  for (const w of windows) {
    if (w.durationMinutes <= 1440) {
      const key = `${w.startMinute}/${w.durationMinutes}`;
      daily.set(key, [...(daily.get(key) ?? []), w.startDay]);
    } else {
      const end = (w.startDay - 1) * 1440 + w.startMinute + w.durationMinutes;
      const endDay = Math.floor(end / 1440) % 7;
      out.push({ weekly: `${DAY_ABBREVIATIONS[w.startDay - 1]} ${formatClock(w.startMinute)} - ${DAY_ABBREVIATIONS[endDay]} ${formatClock(end % 1440)}` });
    }
  }
  const shaped: Record<string, unknown>[] = [];
  for (const [key, days] of daily) {
    const [start, duration] = key.split('/').map(Number);
    const dayList = [...new Set(days)].sort((a, b) => a - b).map((d) => DAY_ABBREVIATIONS[d - 1]);
    const allDays = dayList.length === 7;
    if (start === 0 && duration === 1440) shaped.push({ days: dayList });
    else shaped.push({ timeOfDay: `${formatClock(start)}-${formatClock((start + duration) % 1440)}`, ...(allDays ? {} : { days: dayList }) });
  }
  return [...shaped, ...out];
}
