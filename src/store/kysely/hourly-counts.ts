/**
 * Old minutes summed per SLO and hour in SQL, for warming hour-resolution counts: the
 * evaluator's TieredCounts keeps everything older than a few hours per hour, so reading those
 * minutes one row each would move 60 times the rows it needs. The range is read a block of
 * hours at a time; each block is one range scan of the (minute, slo_id) index.
 */
import { sql, type Kysely } from 'kysely';
import type { SloHourCount } from '../store.js';
import type { StoreSchema } from './schema.js';
import type { SloIdCache } from './slo-ids.js';

const HOURS_PER_QUERY = 24;

export async function* readHourlyCounts(
  db: Kysely<StoreSchema>,
  cache: SloIdCache,
  fromMinute: number,
  toMinuteExclusive: number,
  chunkSize = 10_000,
): AsyncGenerator<SloHourCount[]> {
  for (let blockStart = Math.floor(fromMinute / 60) * 60; blockStart < toMinuteExclusive; blockStart += HOURS_PER_QUERY * 60) {
    const from = Math.max(fromMinute, blockStart);
    const to = Math.min(toMinuteExclusive, blockStart + HOURS_PER_QUERY * 60);
    // Integer division on both databases (minute is INTEGER).
    const hour = sql<number>`minute / 60`;
    const rows = await db
      .selectFrom('sli_counts')
      .select((eb) => [
        'slo_id',
        hour.as('hour'),
        eb.fn.min<number>('minute').as('first_minute'),
        eb.fn.max<number>('minute').as('last_minute'),
        eb.fn.sum<number>('good').as('good'),
        eb.fn.sum<number>('total').as('total'),
      ])
      .where('minute', '>=', from)
      .where('minute', '<', to)
      .groupBy(['slo_id', hour])
      .orderBy('hour')
      .orderBy('slo_id')
      .execute();
    let chunk: SloHourCount[] = [];
    for (const row of rows) {
      const slo = cache.cachedName(row.slo_id) ?? (await cache.nameOf(db, row.slo_id));
      if (slo === undefined) continue;
      chunk.push({
        slo,
        hour: Number(row.hour),
        firstMinute: Number(row.first_minute),
        lastMinute: Number(row.last_minute),
        good: Number(row.good),
        total: Number(row.total),
      });
      if (chunk.length >= chunkSize) {
        yield chunk;
        chunk = [];
      }
    }
    if (chunk.length > 0) yield chunk;
  }
}
