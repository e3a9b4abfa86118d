/** Where the CLI's store lives: --database, then $SLOOP_DATABASE_URL, then the data dir. */
import type { OpenStoreOptions } from '../store/index.js';

export const DEFAULT_DATA_DIR = '.sloop/data';

export function storeLocationFrom(options: { dataDir?: string; database?: string }, env: NodeJS.ProcessEnv, defaultDataDir = DEFAULT_DATA_DIR): OpenStoreOptions {
  const url = options.database ?? (options.dataDir ? undefined : env.SLOOP_DATABASE_URL);
  if (url) return { url };
  return { dataDir: options.dataDir ?? defaultDataDir };
}
