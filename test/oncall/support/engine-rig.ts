/** An in-process paging engine and worker over a real store, with the real config loader. */
import { ChannelPolicies, type ReliabilitySettings } from '../../../src/notify/index.js';
import { PagingEngine, PagingWorker, type PagingWorkerOptions } from '../../../src/oncall/paging/index.js';
import { loadOnCallConfig } from '../../../src/oncall/config/load-oncall.js';
import { RetryBudget } from '../../../src/reliability/index.js';
import { loadSources } from '../../../src/slo/spec/load.js';
import type { Store } from '../../../src/store/store.js';
import { LINK_SECRET } from './paging-fixture.js';

export interface Rig {
  engine: PagingEngine;
  worker: PagingWorker;
}

export function makeRig(store: Store, oncallYaml: string, reliability: ReliabilitySettings, extra: Partial<PagingWorkerOptions> = {}): Rig {
  const loaded = loadOnCallConfig(loadSources([{ file: 'oncall.yaml', text: oncallYaml }]));
  const errors = loaded.diagnostics.filter((d) => d.severity === 'error');
  if (errors.length > 0) throw new Error(`test on-call config is invalid: ${JSON.stringify(errors)}`);
  const engine = new PagingEngine({ store, config: () => loaded, clock: () => Date.now() });
  const worker = new PagingWorker({
    engine,
    intervalMs: 50,
    delivery: { links: { publicUrl: 'http://sloop.test', secret: LINK_SECRET, ttlMs: 3_600_000 }, policies: new ChannelPolicies(reliability, new RetryBudget()), person: (id) => loaded.people.find((p) => p.id === id) },
    ...extra,
  });
  return { engine, worker };
}
