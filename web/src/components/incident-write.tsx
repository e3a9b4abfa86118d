/** How incident views write: one busy flag, and the server's error kept for an ErrorLine under the control. */
import { useState } from 'preact/hooks';
import { ApiError } from '../api/client.js';

export interface Write {
  error: string | null;
  busy: boolean;
  /** Runs the change, then `onDone` (a reload); resolves false when it failed (the error is kept). */
  run(action: () => Promise<unknown>): Promise<boolean>;
}

export function useWrite(onDone: () => void): Write {
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  return {
    error,
    busy,
    async run(action) {
      setBusy(true);
      setError(null);
      try {
        await action();
        onDone();
        return true;
      } catch (err: unknown) {
        setError(err instanceof ApiError ? err.message : 'Something went wrong; reload the page and try again.');
        return false;
      } finally {
        setBusy(false);
      }
    },
  };
}
