/**
 * Synthetic benchmark input: `slos` SLOs x `days` days of per-minute CSV rows (RFC 3339
 * timestamps), plus a sloop/v1 config for them. Deterministic; skipped when already there.
 * Each SLO has a small base error rate and, for one in five, a short incident, so the replay
 * does real alert work.
 */
import { createWriteStream, existsSync, mkdirSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

export interface BenchData {
  csv: string;
  config: string;
  rows: number;
  bytes: number;
}

const START = Date.parse('2026-02-01T00:00:00Z');

function random(seed: number): () => number {
  let x = seed >>> 0;
  return () => ((x = (Math.imul(x, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}

export async function ensureBenchData(outDir: string, slos: number, days: number): Promise<BenchData> {
  mkdirSync(outDir, { recursive: true });
  const csv = join(outDir, `backtest-${slos}slos-${days}d.csv`);
  const config = join(outDir, `backtest-${slos}slos.yaml`);
  const names = Array.from({ length: slos }, (_, i) => `bench-slo-${String(i).padStart(4, '0')}`);
  writeFileSync(
    config,
    ['apiVersion: sloop/v1', 'service:', '  name: bench', 'defaults:', '  alerting:', '    runbook:', '      default: https://runbooks.example.com/bench', 'slos:', ...names.map((n, i) => `  - name: ${n}\n    objective: ${[99.9, 99.5, 99.95, 99][i % 4]}`)].join('\n') + '\n',
  );
  const rows = slos * days * 1440;
  if (!existsSync(csv)) {
    const rand = random(42);
    const base = names.map(() => 0.0001 + rand() * 0.002);
    const incidentAt = names.map((_, i) => (i % 5 === 0 ? Math.floor(rand() * days * 1440) : -1));
    const tmp = `${csv}.tmp`;
    const out = createWriteStream(tmp);
    let chunk = 'timestamp,slo,good,total\n';
    for (let m = 0; m < days * 1440; m++) {
      const stamp = new Date(START + m * 60_000).toISOString().replace('.000Z', 'Z');
      for (let i = 0; i < slos; i++) {
        const total = 200 + Math.floor(rand() * 800);
        const ratio = incidentAt[i]! >= 0 && m >= incidentAt[i]! && m < incidentAt[i]! + 15 ? 0.2 : base[i]!;
        const bad = Math.min(total, Math.floor(total * ratio + rand()));
        chunk += `${stamp},${names[i]},${total - bad},${total}\n`;
      }
      if (chunk.length > 1 << 20) {
        if (!out.write(chunk)) await new Promise<void>((r) => out.once('drain', () => r()));
        chunk = '';
      }
    }
    out.write(chunk);
    await new Promise<void>((resolve, reject) => out.end((err?: Error | null) => (err ? reject(err) : resolve())));
    renameSync(tmp, csv);
  }
  const { statSync } = await import('node:fs');
  return { csv, config, rows, bytes: statSync(csv).size };
}
