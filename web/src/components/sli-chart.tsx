/**
 * The SLI over the SLO window as plain SVG, with the objective as a dashed line: points below
 * the line are where the service missed its objective. Buckets without events leave a gap
 * instead of pretending the SLI was perfect.
 */
import { formatClock, formatDay, formatExact, formatObjective, formatPercent } from '../lib/format.js';

const W = 720;
const H = 200;
const PAD = { left: 60, right: 12, top: 12, bottom: 28 };

export interface SliPoint {
  at: number;
  sli: number | null;
  total: number;
}

/** The path of the line, broken at buckets without events. */
export function sliPath(points: readonly SliPoint[], x: (at: number) => number, y: (v: number) => number): string {
  let d = '';
  let pen = false;
  for (const p of points) {
    if (p.sli === null) {
      pen = false;
      continue;
    }
    d += `${pen ? 'L' : 'M'}${x(p.at).toFixed(1)},${y(p.sli).toFixed(1)}`;
    pen = true;
  }
  return d;
}

export function SliChart({ series, objective, timeZone }: { series: readonly SliPoint[]; objective: number; timeZone: string }) {
  const measured = series.filter((p): p is SliPoint & { sli: number } => p.sli !== null);
  if (series.length < 2 || measured.length === 0) return <p class="muted">No events in this window yet, so there is no SLI to chart.</p>;
  const first = series[0]!;
  const last = series[series.length - 1]!;
  const worst = measured.reduce((w, p) => (p.sli < w.sli ? p : w));
  // Zoom to the interesting band: from a bit below the worst point (or the objective) to 100%.
  const floor = Math.min(worst.sli, objective);
  const minY = Math.max(0, 1 - (1 - floor) * 1.25);
  const span = last.at - first.at || 1;
  const x = (at: number): number => PAD.left + ((at - first.at) / span) * (W - PAD.left - PAD.right);
  const y = (v: number): number => PAD.top + ((1 - v) / (1 - minY || 1)) * (H - PAD.top - PAD.bottom);
  const below = measured.filter((p) => p.sli < objective).length;
  const label = span > 2 * 86_400_000 ? formatDay : formatClock;
  const xTicks = [0, 0.25, 0.5, 0.75, 1].map((f) => first.at + f * span);
  const digits = 1 - minY < 0.01 ? 2 : 1;
  return (
    <figure class="chart">
      <svg
        viewBox={`0 0 ${W} ${H}`}
        role="img"
        aria-label={`SLI over the window: lowest ${formatPercent(worst.sli, 3)} at ${formatExact(worst.at, timeZone)}; ${below} of ${measured.length} intervals below the objective of ${formatObjective(objective)}`}
      >
        {[1, (1 + minY) / 2, minY].map((v) => (
          <g key={v}>
            <line class="grid" x1={PAD.left} x2={W - PAD.right} y1={y(v)} y2={y(v)} />
            <text class="tick" x={PAD.left - 6} y={y(v) + 4} text-anchor="end">
              {formatPercent(v, digits)}
            </text>
          </g>
        ))}
        <line class="axis-zero" x1={PAD.left} x2={W - PAD.right} y1={y(objective)} y2={y(objective)} />
        <text class="tick objective-label" x={PAD.left + 4} y={y(objective) + 14} text-anchor="start">
          objective {formatObjective(objective)}
        </text>
        {xTicks.map((at, i) => (
          <text key={at} class="tick" x={x(at)} y={H - 8} text-anchor={i === 0 ? 'start' : i === xTicks.length - 1 ? 'end' : 'middle'}>
            {label(at, timeZone)}
          </text>
        ))}
        <path class="line" d={sliPath(series, x, y)} />
      </svg>
      <figcaption class="muted">
        SLI (good / total events) per interval of {Math.round(span / (series.length - 1) / 60_000).toLocaleString()} minutes; the dashed line is the objective. {below === 0 ? 'No interval fell below it.' : `${below} of ${measured.length} intervals fell below it.`}
      </figcaption>
    </figure>
  );
}
