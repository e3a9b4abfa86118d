/**
 * Sends the weekly follow-through digest when `digest.weekly` (kind: Incidents) says so. One
 * replica sends (a lease), and the week sent is recorded in the database afterwards (a named
 * position in the store's event-cursor table, holding `weekYear * 100 + weekNumber`), so
 * neither a second replica nor a restart sends one week twice. The one at-least-once window:
 * a crash (or a lease lost to a send slower than its lifetime) between the receiver accepting
 * and the week being recorded sends that week again once. A failed send is retried on the next
 * tick and reported through `onError`; the week is recorded only when every destination took it.
 */
import { PeriodicTask } from './periodic-task.js';
import { randomBytes } from 'node:crypto';
import { hostname } from 'node:os';
import { UnavailableError } from '../../errors/index.js';
import type { DeliveryResult } from '../../notify/index.js';
import type { Store } from '../../store/store.js';
import type { IncidentsConfig } from '../config.js';
import { nextDigestDue } from '../digest-schedule.js';
import type { ActionService } from './action-service.js';
import type { DigestSender } from './digest-sender.js';

export const DIGEST_WEEK_CURSOR = 'incidents.digest-week';
export const DIGEST_LEASE = 'incidents.digest';
/** The week a replica has claimed to send (set before sending, given back on failure). */
const DIGEST_CLAIM_CURSOR = 'incidents.digest-claim';
/** Incidents the scheduled digest reports on (the API's default too). */
const LAST_INCIDENTS = 10;

export interface DigestSchedulerOptions {
  store: Store;
  config(): IncidentsConfig;
  actions: ActionService;
  sender: DigestSender;
  now(): number;
  /** Tick interval; default 60 s. */
  intervalMs?: number;
  holder?: string;
  onError?(err: unknown): void;
}

export class DigestScheduler {
  readonly holder: string;
  readonly #o: DigestSchedulerOptions;
  readonly #loop: PeriodicTask;

  constructor(options: DigestSchedulerOptions) {
    this.#o = options;
    this.holder = options.holder ?? `${hostname()}:${process.pid}:${randomBytes(4).toString('hex')}`;
    this.#loop = new PeriodicTask(() => this.tick(), options.intervalMs ?? 60_000, options.onError);
  }

  start(): void {
    this.#loop.start();
  }

  async stop(): Promise<void> {
    await this.#loop.stop();
    await this.#o.store.releaseLease(DIGEST_LEASE, this.holder).catch(() => {});
  }

  /** The last week sent (`weekYear * 100 + weekNumber`), or null when none was. */
  async lastSentWeek(): Promise<number | null> {
    const week = await this.#o.store.paging.cursor(DIGEST_WEEK_CURSOR);
    return week === null || week === 0 ? null : week;
  }

  /** One check (exposed for tests): sends this week's digest if it is due and unsent. Returns the week sent, if any. */
  async tick(): Promise<number | null> {
    const { store, now } = this.#o;
    if (!this.#o.config().digest) return null;
    const interval = this.#o.intervalMs ?? 60_000;
    if (!(await store.tryAcquireLease(DIGEST_LEASE, this.holder, Math.max(60_000, interval * 10), now()))) return null;
    const due = nextDigestDue(this.#o.config(), await this.lastSentWeek(), now());
    if (!due || due.dueAt > now()) return null;
    // Claim the week in the database before sending, so two replicas can never both send it
    // (the lease can lapse during a slow send). A failed send gives the claim back.
    const previousClaim = await store.paging.transaction(async (tx) => {
      const claimed = await tx.lockCursor(DIGEST_CLAIM_CURSOR);
      if (claimed >= due.week) return null;
      await tx.setCursor(DIGEST_CLAIM_CURSOR, due.week);
      return claimed;
    });
    if (previousClaim === null) return null;
    const giveBack = () =>
      store.paging.transaction(async (tx) => {
        if ((await tx.lockCursor(DIGEST_CLAIM_CURSOR)) === due.week) await tx.setCursor(DIGEST_CLAIM_CURSOR, previousClaim);
      });
    let results: DeliveryResult[];
    try {
      results = await this.#o.sender.send(await this.#o.actions.digest(LAST_INCIDENTS));
    } catch (err: unknown) {
      await giveBack();
      throw err;
    }
    const failed = results.flatMap((r) => (r.ok ? [] : [`${r.channel} ${r.destination}: ${r.reason}: ${r.message}`]));
    if (failed.length > 0) {
      await giveBack();
      throw new UnavailableError(`the weekly digest was not delivered (${failed.join('; ')}); sloop retries at the next check, fix the destination (SLOOP_DIGEST_WEBHOOK_URL / SLOOP_DIGEST_EMAIL) if it keeps failing`);
    }
    await store.paging.transaction(async (tx) => {
      if ((await tx.lockCursor(DIGEST_WEEK_CURSOR)) < due.week) await tx.setCursor(DIGEST_WEEK_CURSOR, due.week);
    });
    return due.week;
  }
}
