/**
 * Two replicas opening a page for the same dedup key at once: one insert hits the unique open
 * key and its transaction rolls back whole. Running it again finds the other's page and folds
 * into it. Deadlocks and SQLite busy errors are retried the same way.
 */
const RETRYABLE_CODES = new Set(['23505', '40001', '40P01', 'SQLITE_BUSY', 'SQLITE_CONSTRAINT_UNIQUE', 'SQLITE_CONSTRAINT_PRIMARYKEY']);

export function isConflict(err: unknown): boolean {
  const code = typeof err === 'object' && err !== null && 'code' in err ? String((err as { code: unknown }).code) : '';
  return RETRYABLE_CODES.has(code);
}

export async function retryOnConflict<T>(run: () => Promise<T>, attempts = 4): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await run();
    } catch (err: unknown) {
      if (i >= attempts || !isConflict(err)) throw err;
      await new Promise((r) => setTimeout(r, 5 * i + Math.random() * 10));
    }
  }
}
