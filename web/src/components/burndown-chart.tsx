/**
 * Budget remaining over the SLO window as plain SVG: no chart library, a few hundred bytes of
 * output. The y axis always shows 0% (the freeze line) and 100%, and extends below zero when
 * the budget is overspent.
 */
import { formatClock, formatDay, formatExact, formatPercent } from '../lib/format.js';

const W = 720;
const H = 240;
const PAD = { left: 52, right: 12, top: 12, bottom: 28 };

export function BurndownChart({ series, timeZone }: { series: Array<{ at: number; remainingFraction: number }>; timeZone: string }) {
  if (series.length < 2) return <p class="muted">Not enough data for a chart yet.</p>;
  const first = series[0]!;
  const last = series[series.length - 1]!;
  const minY = Math.min(0, ...series.map((p) => p.remainingFraction));
  const maxY = Math.max(1, ...series.map((p) => p.remainingFraction));
  const span = last.at - first.at || 1;
  const x = (at: number): number => PAD.left + ((at - first.at) / span) * (W - PAD.left - PAD.right);
  const y = (v: number): number => PAD.top + ((maxY - v) / (maxY - minY)) * (H - PAD.top - PAD.bottom);
  const line = series.map((p, i) => `${i ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.remainingFraction).toFixed(1)}`).join('');
  const area = `${line}L${x(last.at).toFixed(1)},${y(0).toFixed(1)}L${x(first.at).toFixed(1)},${y(0).toFixed(1)}Z`;
  const yTicks = [maxY, 0.5 * maxY, 0, ...(minY < 0 ? [minY] : [])];
  const label = span > 2 * 86_400_000 ? formatDay : formatClock;
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => first.at + f * span);
  return (
    <figure class="chart">
      <svg viewBox={`0 0 ${W} ${H}`} role="img" aria-label={`Error budget remaining fell from ${formatPercent(first.remainingFraction)} to ${formatPercent(last.remainingFraction)} between ${formatExact(first.at, timeZone)} and ${formatExact(last.at, timeZone)}`}>
        {yTicks.map((v) => (
          <g key={v}>
            <line class={v === 0 ? 'axis-zero' : 'grid'} x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text class="tick" x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {formatPercent(v, 0)}
            </text>
          </g>
        ))}
        {xTicks.map((at, i) => (
          <text key={at} class="tick" x={x(at)} y={H - 8} text-anchor={i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle'}>
            {label(at, timeZone)}
          </text>
        ))}
        <path class="area" d={area} />
        <path class="line" d={line} />
      </svg>
      <figcaption class="muted">
        Error budget remaining over the current window ({formatExact(first.at, timeZone)} to {formatExact(last.at, timeZone)}).
      </figcaption>
    </figure>
  );
}
