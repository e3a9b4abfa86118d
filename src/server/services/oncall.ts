/**
 * The server's view of on-call: the active OnCall config (loaded from the same paths as the
 * SLOs, replaced only by a valid reload), the stored runtime changes, and the signing key for
 * calendar feed URLs. Routes in ../routes/schedules.ts and ../routes/oncall-load.ts use it.
 */
import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { hasErrors, NotFoundError, type Diagnostic } from '../../errors/index.js';
import { loadOnCallConfig, type OnCallLoad } from '../../oncall/config/load-oncall.js';
import type { FairnessException } from '../../oncall/fairness/model.js';
import type { Schedule, ScheduleChange } from '../../oncall/schedule/model.js';
import type { LoadedDocument } from '../../slo/spec/load.js';
import type { ScheduleStore } from '../../store/schedule-store.js';

const EMPTY: OnCallLoad = { people: [], teams: [], schedules: [], policies: [], routes: [], integrations: [], exceptions: [], files: [], diagnostics: [] };

/**
 * Holds the active on-call config. It is chained into the server's config loader after the
 * paging runtime's check, so it changes only when the whole config (SLOs and on-call) loaded
 * without errors. The clock-dependent checks (gaps, fairness) are not run here: they are
 * `sloop validate`'s job, and a server must not refuse to start because time moved on.
 */
export class OnCallConfigCell {
  #config: OnCallLoad = EMPTY;

  absorb<T extends { diagnostics: Diagnostic[]; documents?: readonly LoadedDocument[] }>(load: T): T {
    if (!hasErrors(load.diagnostics)) this.#config = loadOnCallConfig({ documents: load.documents ?? [] });
    return load;
  }

  get config(): OnCallLoad {
    return this.#config;
  }
}

/**
 * Stored changes per schedule, kept in memory for the paging engine, which asks "who is on
 * call" synchronously. Refreshed at start, after every change made through this server, on
 * config reload, and in the background when a read finds it older than `maxAgeMs`, so a
 * change made through another replica reaches escalation here within about that long.
 */
export class ScheduleChangeCache {
  #bySchedule = new Map<string, ScheduleChange[]>();
  #refreshedAt = Number.NEGATIVE_INFINITY;
  #refreshing: Promise<void> | null = null;

  constructor(
    private readonly store: ScheduleStore,
    private readonly schedules: () => readonly Schedule[],
    private readonly now: () => number,
    private readonly maxAgeMs = 30_000,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  async refresh(): Promise<void> {
    const startedAt = this.now();
    const next = new Map<string, ScheduleChange[]>();
    for (const schedule of this.schedules()) next.set(schedule.name, (await this.store.listChanges(schedule.name)).map((c) => c.change));
    this.#bySchedule = next;
    this.#refreshedAt = startedAt;
  }

  get(schedule: string): readonly ScheduleChange[] {
    if (this.now() - this.#refreshedAt > this.maxAgeMs && !this.#refreshing) {
      this.#refreshing = this.refresh().catch(this.onError).finally(() => (this.#refreshing = null));
    }
    return this.#bySchedule.get(schedule) ?? [];
  }
}

export interface OnCallServices {
  config(): OnCallLoad;
  store: ScheduleStore;
  now(): number;
  /** Called after a change is stored or deleted, so paging sees it at once. */
  changed(): Promise<void>;
  /** `?token=` for a feed path such as `/api/v1/schedules/primary/calendar.ics`. */
  signFeedPath(path: string): Promise<string>;
  verifyFeedToken(path: string, token: string): Promise<boolean>;
}

export const FEED_SECRET_NAME = 'ical-feed-signing-key';

export function createOnCallServices(holder: { config: OnCallLoad }, store: ScheduleStore, now: () => number, onChanged: () => Promise<void> = async () => {}): OnCallServices {
  let key: Promise<string> | undefined;
  const feedKey = () => (key ??= store.serverSecret(FEED_SECRET_NAME, () => randomBytes(32).toString('hex'), now()).catch((err: unknown) => {
    key = undefined;
    throw err;
  }));
  const sign = async (path: string) => createHmac('sha256', await feedKey()).update(path).digest('base64url');
  return {
    config: () => holder.config,
    store,
    now,
    changed: onChanged,
    signFeedPath: sign,
    async verifyFeedToken(path, token) {
      const expected = Buffer.from(await sign(path));
      const given = Buffer.from(token);
      return given.length === expected.length && timingSafeEqual(given, expected);
    },
  };
}

export function findSchedule(config: OnCallLoad, name: string): Schedule {
  const schedule = config.schedules.find((s) => s.name === name);
  if (!schedule) {
    const known = config.schedules.map((s) => s.name).join(', ') || 'none configured';
    throw new NotFoundError(`no schedule "${name}" (known: ${known}); schedules are declared in kind: OnCall config files`);
  }
  return schedule;
}

/** Live stored changes of a schedule, as the rotation math takes them. */
export async function storedChanges(services: OnCallServices, schedule: string): Promise<ScheduleChange[]> {
  return (await services.store.listChanges(schedule)).map((c) => c.change);
}

/** Exceptions from config and those recorded with accepted changes. */
export async function allExceptions(services: OnCallServices): Promise<FairnessException[]> {
  const stored = await services.store.listExceptions();
  return [...services.config().exceptions, ...stored.map(({ id: _id, createdAt: _c, changeId: _ch, ...e }) => e)];
}
