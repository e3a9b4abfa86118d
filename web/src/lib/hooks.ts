/** Small shared hooks: a ticking clock for relative times and an async loader with worded errors. */
import { useCallback, useEffect, useRef, useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';

export function useNow(everyMs = 30_000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const id = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(id);
  }, [everyMs]);
  return now;
}

export interface Loaded<T> {
  data: T | null;
  error: string | null;
  loading: boolean;
  reload(): void;
}

/** Loads on mount and on reload(); keeps the last good data while reloading. */
export function useLoader<T>(load: () => Promise<T>, deps: unknown[]): Loaded<T> {
  const [state, setState] = useState<{ data: T | null; error: string | null; loading: boolean }>({ data: null, error: null, loading: true });
  const generation = useRef(0);
  const run = useCallback(() => {
    const mine = ++generation.current;
    setState((s) => ({ ...s, loading: true }));
    load().then(
      (data) => mine === generation.current && setState({ data, error: null, loading: false }),
      (err: unknown) => {
        if (mine !== generation.current) return;
        const error = err instanceof ApiError ? err.message : 'Something went wrong while loading; reload the page.';
        setState((s) => ({ ...s, error, loading: false }));
      },
    );
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, deps);
  useEffect(() => {
    run();
    return () => {
      generation.current++;
    };
  }, [run]);
  return { ...state, reload: run };
}

/**
 * Calls `onEvent` (debounced) for events of the given types on the server's event stream
 * (/api/v1/events/stream) whose data passes `accept`. After a dropped connection the browser
 * reconnects with Last-Event-ID and the server replays what was missed; the view reloads once on
 * reconnect as well, in case the server restarted with a fresh log.
 */
export function useServerEvents(types: readonly string[], onEvent: () => void, options: { accept?: (data: Record<string, unknown>) => boolean; debounceMs?: number } = {}): void {
  const callback = useRef(onEvent);
  callback.current = onEvent;
  const accept = useRef(options.accept);
  accept.current = options.accept;
  const debounceMs = options.debounceMs ?? 500;
  const key = types.join(',');
  useEffect(() => {
    if (typeof EventSource === 'undefined') return;
    const source = new EventSource('/api/v1/events/stream');
    let timer: ReturnType<typeof setTimeout> | null = null;
    let dropped = false;
    const schedule = (): void => {
      if (timer) clearTimeout(timer);
      timer = setTimeout(() => callback.current(), debounceMs);
    };
    const listener = (event: MessageEvent<string>): void => {
      let data: Record<string, unknown> = {};
      try {
        data = JSON.parse(event.data) as Record<string, unknown>;
      } catch {
        // A frame we cannot read still says something changed.
      }
      if (!accept.current || accept.current(data)) schedule();
    };
    for (const type of key.split(',')) source.addEventListener(type, listener);
    source.onerror = () => {
      dropped = true;
    };
    source.onopen = () => {
      if (dropped) schedule();
      dropped = false;
    };
    return () => {
      if (timer) clearTimeout(timer);
      source.close();
    };
  }, [key, debounceMs]);
}

/** Calls `onEvent` (debounced) for each alert transition on the server's event stream. */
export function useAlertEvents(onEvent: () => void, debounceMs = 500): void {
  useServerEvents(ALERT_EVENTS, onEvent, { debounceMs });
}

const ALERT_EVENTS = ['alert.transition'];
