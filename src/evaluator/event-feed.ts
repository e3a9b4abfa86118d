/**
 * The in-process event bus. Its source of truth is the store's durable event log: a poller
 * reads new events (from this replica or any other on the same database) and hands them to
 * subscribers in id order, so the on-call engine and the SSE stream see every transition
 * exactly once per subscriber, whichever replica recorded it. `nudge()` polls at once after
 * a local write, so local subscribers do not wait for the poll interval.
 */
import type { StoredEvent, Store } from '../store/store.js';

/** A listener may return a promise; the feed awaits it before the next event (ordering). */
export type EventListener = (event: StoredEvent) => void | Promise<void>;

export class EventFeed {
  private readonly listeners = new Set<EventListener>();
  private lastId = 0;
  private primed = false;
  private timer: NodeJS.Timeout | null = null;
  private polling: Promise<void> | null = null;
  private again = false;

  constructor(
    private readonly store: Store,
    private readonly pollMs = 1000,
    private readonly onError: (err: unknown) => void = () => {},
  ) {}

  /** Starts reading after the current end of the log (call before warming the counts). */
  async prime(): Promise<void> {
    this.lastId = await this.store.lastEventId();
    this.primed = true;
  }

  async start(): Promise<void> {
    if (!this.primed) await this.prime();
    const loop = (): void => {
      this.timer = setTimeout(() => void this.nudge().finally(() => this.timer && loop()), this.pollMs);
      this.timer.unref();
    };
    loop();
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  subscribe(listener: EventListener): { close(): void } {
    this.listeners.add(listener);
    return { close: () => this.listeners.delete(listener) };
  }

  /** Reads and dispatches new events now; concurrent calls coalesce into one extra poll. */
  nudge(): Promise<void> {
    if (this.polling) {
      this.again = true;
      return this.polling;
    }
    this.polling = (async () => {
      do {
        this.again = false;
        try {
          for (;;) {
            const events = await this.store.readEventsAfter(this.lastId, 500);
            for (const event of events) {
              this.lastId = event.id;
              for (const listener of this.listeners) {
                try {
                  await listener(event);
                } catch (err: unknown) {
                  this.onError(err);
                }
              }
            }
            if (events.length < 500) break;
          }
        } catch (err: unknown) {
          this.onError(err);
        }
      } while (this.again);
    })().finally(() => (this.polling = null));
    return this.polling;
  }
}
