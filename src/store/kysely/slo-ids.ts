/**
 * SLO name <-> integer id. Ids never change once assigned, so a process may cache them
 * forever; it only caches ids it read or whose creating transaction committed (an id from a
 * rolled-back insert would not exist). Other replicas may assign ids concurrently: the
 * insert is ON CONFLICT DO NOTHING on the unique name, followed by a select.
 */
import type { Kysely, Transaction } from 'kysely';
import type { StoreSchema } from './schema.js';

const NAMES_PER_QUERY = 1000;

export class SloIdCache {
  readonly #byName = new Map<string, number>();
  readonly #byId = new Map<number, string>();

  remember(ids: ReadonlyMap<string, number>): void {
    for (const [name, id] of ids) {
      this.#byName.set(name, id);
      this.#byId.set(id, name);
    }
  }

  /** Ids for `names`, creating rows for unknown names inside `trx`. Call `remember` after commit. */
  async ensure(trx: Transaction<StoreSchema>, names: Iterable<string>): Promise<Map<string, number>> {
    const ids = new Map<string, number>();
    const missing: string[] = [];
    for (const name of new Set(names)) {
      const id = this.#byName.get(name);
      if (id === undefined) missing.push(name);
      else ids.set(name, id);
    }
    for (let i = 0; i < missing.length; i += NAMES_PER_QUERY) {
      const chunk = missing.slice(i, i + NAMES_PER_QUERY);
      await trx
        .insertInto('slos')
        .values(chunk.map((name) => ({ name })))
        .onConflict((oc) => oc.column('name').doNothing())
        .execute();
      const rows = await trx.selectFrom('slos').select(['id', 'name']).where('name', 'in', chunk).execute();
      for (const row of rows) ids.set(row.name, Number(row.id));
    }
    return ids;
  }

  cachedName(id: number): string | undefined {
    return this.#byId.get(id);
  }

  /** The name for an id, reloading the whole (small) table when `id` is not cached yet. */
  async nameOf(db: Kysely<StoreSchema>, id: number): Promise<string | undefined> {
    let name = this.#byId.get(id);
    if (name === undefined) {
      const rows = await db.selectFrom('slos').select(['id', 'name']).execute();
      this.remember(new Map(rows.map((r) => [r.name, Number(r.id)])));
      name = this.#byId.get(id);
    }
    return name;
  }
}
