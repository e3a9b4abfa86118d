/**
 * `sloop demo` (= `npm start`): the server on the bundled shop config with an embedded store
 * in .sloop/demo, an admin token printed once, and a traffic simulator that backfills three
 * days and then starts a checkout outage two minutes in, so a page fires within minutes.
 */
import { fileURLToPath } from 'node:url';
import type { Command } from 'commander';
import { backfill, startLiveTraffic } from '../../demo/simulator.js';
import { SHOP_PROFILES } from '../../demo/traffic.js';
import { printJson } from '../io.js';
import type { CliContext } from '../main.js';
import { addServerOptions, sloopVersion, startFromOptions, untilStopped, type ServeOptions } from './serve.js';

export const DEMO_DATA_DIR = '.sloop/demo';

interface DemoOptions extends Omit<ServeOptions, 'config'> {
  config?: string[];
  traffic: boolean;
}

export function register(program: Command, ctx: CliContext): void {
  addServerOptions(
    program
      .command('demo')
      .description('Run sloop on the bundled example SLOs with simulated shop traffic (a checkout outage pages within minutes).')
      .option('--config <path...>', 'SLO specs and on-call config to serve (default: the bundled examples/slos and examples/oncall)')
      .option('--no-traffic', 'do not run the traffic simulator'),
    { dataDir: DEMO_DATA_DIR, evaluationInterval: '15' },
  ).action(async (options: DemoOptions) => {
    const config = options.config ?? ['slos', 'oncall'].map((dir) => fileURLToPath(new URL(`../../../examples/${dir}`, import.meta.url)));
    const server = await startFromOptions({ ...options, config }, DEMO_DATA_DIR);
    const startMs = Date.now();
    const { token } = await server.store.createToken({ name: `demo-${new Date(startMs).toISOString()}`, scopes: ['admin'], now: startMs });
    const url = server.url;
    let stopTraffic = (): void => {};
    let backfilled = 0;
    if (options.traffic) {
      const known = new Set(server.runtime.config.slos.map((s) => s.name));
      const profiles = SHOP_PROFILES.filter((p) => known.has(p.slo));
      const onError = (err: unknown): void => server.runtime.app.log.error({ err }, 'demo traffic push failed');
      // Backfill only a fresh data dir: a restarted demo keeps its history instead of doubling it.
      const fresh = (await Promise.all(profiles.map((p) => server.store.lastIngestMinute(p.slo)))).every((m) => m === null);
      if (fresh) backfilled = await backfill({ url, token, profiles, startMs });
      stopTraffic = startLiveTraffic({ url, token, profiles, startMs, onError });
    }
    if (options.json) printJson(ctx.io, { url, token, store: server.store.location, backfilledSamples: backfilled });
    else {
      ctx.io.out(
        [
          `sloop ${await sloopVersion()} demo running at ${url}`,
          `admin token (shown once): ${token}`,
          `web console: open ${url}/ and log in with the token`,
          '',
          `  curl -H "Authorization: Bearer ${token}" ${url}/api/v1/slos`,
          `  curl -N -H "Authorization: Bearer ${token}" ${url}/api/v1/events/stream`,
          `  node bin/sloop.js gate --server ${url} --service shop --token ${token}`,
          '',
          options.traffic
            ? `Simulated shop traffic is flowing${backfilled ? ` (backfilled ${backfilled.toLocaleString('en-US')} minutes of history)` : ''}; checkout starts failing in 2 minutes and pages a few minutes later.`
            : 'Traffic simulator off (--no-traffic).',
          'Press Ctrl+C to stop.',
        ].join('\n'),
      );
    }
    const signal = await untilStopped();
    ctx.io.err(`sloop: ${signal} received, stopping`);
    stopTraffic();
    await server.close();
  });
}
