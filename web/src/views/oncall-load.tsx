/** The per-person on-call load report: hours, hours outside business hours, nights, weekends, pages. */
import { Fragment } from 'preact';
import { useState } from 'preact/hooks';
import { onCallApi } from '../api/oncall.js';
import { PersonName } from '../components/person-name.js';
import { formatDay, formatPercent } from '../lib/format.js';
import { useLoader } from '../lib/hooks.js';
import { ErrorLine } from '../components/error-line.js';

const DAY_MS = 86_400_000;
const RANGES = [
  { id: 'past', label: 'Last 30 days', from: (now: number) => now - 30 * DAY_MS, to: (now: number) => now },
  { id: 'next', label: 'Next 30 days', from: (now: number) => now, to: (now: number) => now + 30 * DAY_MS },
  { id: 'quarter', label: 'Last 90 days', from: (now: number) => now - 90 * DAY_MS, to: (now: number) => now },
] as const;

const hours = (h: number): string => (Math.round(h * 10) / 10).toLocaleString('en-GB');

export function OnCallLoadView({ timeZone }: { timeZone: string }) {
  const [rangeId, setRangeId] = useState<(typeof RANGES)[number]['id']>('past');
  const range = RANGES.find((r) => r.id === rangeId)!;
  // Whole minutes keep the query stable across re-renders.
  const [now] = useState(() => Math.floor(Date.now() / 60_000) * 60_000);
  const loaded = useLoader(async () => {
    const [report, { people }] = await Promise.all([onCallApi.load(range.from(now), range.to(now)), onCallApi.people()]);
    return { report, names: new Map(people.map((p) => [p.id, p.name] as const)) };
  }, [rangeId]);
  const report = loaded.data?.report;
  const names = loaded.data?.names ?? new Map<string, string>();
  const people = report ? [...report.people].sort((a, b) => b.hoursOnCall - a.hoursOnCall) : [];
  return (
    <main id="main" class="content">
      <p>
        <a href="/oncall">← On call</a>
      </p>
      <h1>On-call load</h1>
      <div class="filters" role="group" aria-label="Range">
        {RANGES.map((r) => (
          <button key={r.id} type="button" aria-pressed={r.id === rangeId} onClick={() => setRangeId(r.id)}>
            {r.label}
          </button>
        ))}
      </div>
      <ErrorLine error={loaded.error} />
      {report && (
        <>
          <table>
            <caption>
              Per person, {formatDay(report.range.from, timeZone)} to {formatDay(report.range.to, timeZone)} (final shifts with overrides; night, weekend and business hours in each person's own zone)
            </caption>
            <thead>
              <tr>
                <th scope="col">Person</th>
                <th scope="col" class="num">Hours on call</th>
                <th scope="col" class="num">Share</th>
                <th scope="col" class="num">Outside business hours</th>
                <th scope="col" class="num">Nights</th>
                <th scope="col" class="num">Weekends</th>
                <th scope="col" class="num">Pages</th>
                <th scope="col" class="num">Pages at night</th>
              </tr>
            </thead>
            <tbody>
              {people.map((p) => (
                <tr key={p.person}>
                  <th scope="row">
                    <PersonName id={p.person} names={names} /> <span class="muted small">{p.timeZone}</span>
                  </th>
                  <td class="num">{hours(p.hoursOnCall)} h</td>
                  <td class="num">{formatPercent(p.shareOnCall)}</td>
                  <td class="num">{hours(p.hoursOutsideBusinessHours)} h</td>
                  <td class="num">{hours(p.nightHours)} h</td>
                  <td class="num">{hours(p.weekendHours)} h</td>
                  <td class="num">{p.pages}</td>
                  <td class="num">{p.pagesAtNight}</td>
                </tr>
              ))}
            </tbody>
          </table>
          {!report.pageData.available && <p class="notice">{report.pageData.note}</p>}
          <table>
            <caption>Per schedule</caption>
            <thead>
              <tr>
                <th scope="col">Schedule</th>
                <th scope="col" class="num">Hours covered</th>
                <th scope="col" class="num">Coverage</th>
                <th scope="col" class="num">Gap hours</th>
                <th scope="col">Who carried it</th>
              </tr>
            </thead>
            <tbody>
              {report.schedules.map((s) => (
                <tr key={s.schedule}>
                  <th scope="row">
                    <a href={`/oncall/schedules/${encodeURIComponent(s.schedule)}`}>{s.schedule}</a>
                  </th>
                  <td class="num">{hours(s.hoursCovered)} h</td>
                  <td class="num">{formatPercent(s.coverageShare)}</td>
                  <td class={`num ${s.gapHours > 0 ? 'over' : ''}`}>{hours(s.gapHours)} h</td>
                  <td>
                    {s.people.map((p, i) => (
                      <Fragment key={p.person}>
                        {i > 0 && ', '}
                        <PersonName id={p.person} names={names} /> {formatPercent(p.share, 0)}
                      </Fragment>
                    ))}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </main>
  );
}
