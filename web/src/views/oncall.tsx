/** On call: who is on call now in every schedule, and the final shifts of the next seven days. */
import { api } from '../api/client.js';
import { onCallApi } from '../api/oncall.js';
import type { ScheduleSummary, Shift } from '../api/types.js';
import { PeopleNames } from '../components/person-name.js';
import { formatExact } from '../lib/format.js';
import { useLoader, useServerEvents } from '../lib/hooks.js';
import { ErrorLine } from '../components/error-line.js';

/** Overrides and swaps saved or deleted anywhere (another tab, the CLI, another replica). */
const SCHEDULE_EVENTS = ['schedule.changed'];

const WEEK_MS = 7 * 86_400_000;

interface ScheduleView {
  schedule: ScheduleSummary;
  onCall: Array<{ id: string; name: string }>;
  shifts: Shift[];
}

async function loadOnCall(): Promise<{ views: ScheduleView[]; names: Map<string, string> }> {
  const [{ schedules }, { people }] = await Promise.all([api.schedules(), onCallApi.people()]);
  const now = Date.now();
  const views = await Promise.all(
    schedules.map(async (schedule) => {
      const [who, upcoming] = await Promise.all([api.onCall(schedule.name), api.shifts(schedule.name, now, now + WEEK_MS)]);
      return { schedule, onCall: who.people, shifts: upcoming.shifts };
    }),
  );
  return { views, names: new Map(people.map((p) => [p.id, p.name] as const)) };
}

export function OnCallView({ timeZone }: { timeZone: string }) {
  const loaded = useLoader(loadOnCall, []);
  useServerEvents(SCHEDULE_EVENTS, loaded.reload);
  const views = loaded.data?.views ?? [];
  const names = loaded.data?.names ?? new Map<string, string>();
  return (
    <main id="main" class="content">
      <h1>On call</h1>
      <p class="subnav">
        <a href="/oncall/load">Load report: hours, nights, weekends and pages per person</a>
        <span class="muted">Open a schedule for its calendar and to add an override or swap.</span>
      </p>
      <ErrorLine error={loaded.error} />
      {loaded.data && views.length === 0 && (
        <p class="empty">
          No schedules yet. Declare people, schedules and escalation policies in an <code>OnCall</code> document (see docs/oncall-schedules.md) and check it with <code>sloop validate</code>.
        </p>
      )}
      {views.map(({ schedule, onCall, shifts }) => (
        <section class="schedule" key={schedule.name} aria-labelledby={`sch-${schedule.name}`}>
          <div class="service-head">
            <h2 id={`sch-${schedule.name}`}>
              <a href={`/oncall/schedules/${encodeURIComponent(schedule.name)}`}>{schedule.name}</a>
            </h2>
            {schedule.team && <span class="muted">team {schedule.team}</span>}
            <span class="muted">rotates in {schedule.timeZone}</span>
          </div>
          <p class="oncall-now">
            On call now:{' '}
            {onCall.length === 0 ? <strong class="bad-text">nobody (a gap in the schedule)</strong> : <strong>
                <PeopleNames ids={onCall.map((p) => p.id)} names={new Map(onCall.map((p) => [p.id, p.name]))} />
              </strong>}
          </p>
          <table class="shifts">
            <caption>Shifts in the next 7 days (layers, overrides and swaps applied), times in {timeZone}</caption>
            <thead>
              <tr>
                <th scope="col">From</th>
                <th scope="col">To</th>
                <th scope="col">Who</th>
                <th scope="col">From layer or change</th>
              </tr>
            </thead>
            <tbody>
              {shifts.slice(0, 30).map((shift) => (
                <tr key={`${shift.start}-${shift.people.join(',')}`}>
                  <td>{formatExact(shift.start, timeZone)}</td>
                  <td>{formatExact(shift.end, timeZone)}</td>
                  <td>{shift.people.length ? <PeopleNames ids={shift.people} names={names} /> : <span class="bad-text">nobody</span>}</td>
                  <td class="muted">{shift.source.map((src) => Object.values(src).join(' ')).join('; ')}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ))}
    </main>
  );
}
