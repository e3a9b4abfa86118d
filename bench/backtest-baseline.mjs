// The floor the backtest is measured against: a plain Node script that reads the CSV line by
// line (readline) and sums good and total per SLO. Nothing else.
import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';

const sums = new Map();
let header = true;
for await (const line of createInterface({ input: createReadStream(process.argv[2]), crlfDelay: Infinity })) {
  if (header) {
    header = false;
    continue;
  }
  const [, slo, good, total] = line.split(',');
  let s = sums.get(slo);
  if (!s) sums.set(slo, (s = { good: 0, total: 0 }));
  s.good += Number(good);
  s.total += Number(total);
}
let good = 0;
let total = 0;
for (const s of sums.values()) ((good += s.good), (total += s.total));
console.log(JSON.stringify({ slos: sums.size, good, total }));
