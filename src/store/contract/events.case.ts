import { expect, it } from 'vitest';
import { InputError } from '../../errors/index.js';
import { BASE_MS as T, type ContractContext } from './context.js';

export function eventsContract(ctx: ContractContext): void {
  it('appends events in order and reads them after an id with a limit', async () => {
    const store = ctx.store();
    expect(await store.lastEventId()).toBe(0);
    const ids = await store.appendEvents(
      [
        { type: 'a', payload: { n: 1 } },
        { type: 'b', payload: [1, 'two'] },
        { type: 'c', payload: null },
      ],
      T,
    );
    expect(ids).toHaveLength(3);
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
    expect(await store.lastEventId()).toBe(ids[2]);
    expect(await store.readEventsAfter(0)).toEqual([
      { id: ids[0], type: 'a', payload: { n: 1 }, at: T },
      { id: ids[1], type: 'b', payload: [1, 'two'], at: T },
      { id: ids[2], type: 'c', payload: null, at: T },
    ]);
    expect((await store.readEventsAfter(ids[0]!, 1)).map((e) => e.type)).toEqual(['b']);
    expect(await store.readEventsAfter(ids[2]!)).toEqual([]);
  });

  it('keeps ids increasing across appends from two store instances', async () => {
    const other = await ctx.openAnother();
    const batches = await Promise.all(
      Array.from({ length: 10 }, (_, i) => (i % 2 === 0 ? ctx.store() : other).appendEvents([{ type: `e${i}`, payload: i }], T + i)),
    );
    const all = await ctx.store().readEventsAfter(0);
    expect(all).toHaveLength(10);
    expect(all.map((e) => e.id)).toEqual(batches.flat().sort((a, b) => a - b));
  });

  it('rejects an event without a type and appends nothing', async () => {
    const store = ctx.store();
    await expect(store.appendEvents([{ type: 'ok', payload: 1 }, { type: '', payload: 2 }], T)).rejects.toBeInstanceOf(InputError);
    expect(await store.readEventsAfter(0)).toEqual([]);
  });
}
