/**
 * Runs `tick` every `intervalMs` until stopped: the next run is scheduled only after the
 * previous one finished, so runs never overlap, and `stop()` waits for a run in progress.
 * A failing run is reported to `onError` and the loop carries on.
 */
export class PeriodicTask {
  readonly #tick: () => Promise<unknown>;
  readonly #intervalMs: number;
  readonly #onError: ((err: unknown) => void) | undefined;
  #timer: NodeJS.Timeout | null = null;
  #ticking: Promise<unknown> | null = null;
  #running = false;

  constructor(tick: () => Promise<unknown>, intervalMs: number, onError?: (err: unknown) => void) {
    this.#tick = tick;
    this.#intervalMs = intervalMs;
    this.#onError = onError;
  }

  start(): void {
    this.#running = true;
    this.#schedule();
  }

  async stop(): Promise<void> {
    this.#running = false;
    if (this.#timer) clearTimeout(this.#timer);
    this.#timer = null;
    await this.#ticking;
  }

  #schedule(): void {
    if (!this.#running) return;
    this.#timer = setTimeout(() => {
      this.#ticking = this.#tick()
        .catch((err: unknown) => this.#onError?.(err))
        .finally(() => {
          this.#ticking = null;
          this.#schedule();
        });
    }, this.#intervalMs);
    this.#timer.unref();
  }
}
