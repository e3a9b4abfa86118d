/** Final shifts as a week grid (Monday first) in the viewer's zone; layers, overrides and swaps look different. People by name, id on hover. */
import { formatClock, formatDay } from '../lib/format.js';
import { calendarDays, localDays, type CalendarShift } from './calendar-days.js';
import { PeopleNames } from './person-name.js';

const KIND_WORDS = { layer: 'Rotation (layer)', override: 'Override', swap: 'Swap', gap: 'Nobody on call' } as const;

export function ShiftCalendar({ shifts, from, days, timeZone, now, names }: { shifts: CalendarShift[]; from: number; days: number; timeZone: string; now: number; names: Map<string, string> }) {
  const grid = calendarDays(shifts, localDays(from, days, timeZone));
  const weekday = new Intl.DateTimeFormat('en-GB', { timeZone, weekday: 'short' });
  return (
    <>
      <p class="legend" aria-hidden="true">
        {(['layer', 'override', 'swap', 'gap'] as const).map((k) => (
          <span key={k} class={`seg src-${k}`}>
            {KIND_WORDS[k]}
          </span>
        ))}
      </p>
      <div class="calendar" role="list" aria-label={`Final shifts, ${days} days from ${formatDay(from, timeZone)}, times in ${timeZone}`}>
        {grid.map((day) => (
          <div role="listitem" key={day.start} class={`day ${now >= day.start && now < day.end ? 'today' : ''}`}>
            <h3>
              {weekday.format(day.start)} {formatDay(day.start, timeZone)}
              {now >= day.start && now < day.end && <span class="sr-only"> (today)</span>}
            </h3>
            <ul>
              {day.segments.map((s) => (
                <li key={s.start} class={`seg src-${s.kind}`} data-kind={s.kind}>
                  <span class="sr-only">{KIND_WORDS[s.kind]}: </span>
                  {formatClock(s.start, timeZone)}–{s.end === day.end ? '24:00' : formatClock(s.end, timeZone)} <strong>{s.people.length ? <PeopleNames ids={s.people} names={names} /> : 'nobody'}</strong>
                  <span class="why">{s.why}</span>
                </li>
              ))}
            </ul>
          </div>
        ))}
      </div>
    </>
  );
}
