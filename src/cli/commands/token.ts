/**
 * `sloop token create`: creates an API token in the store and prints it once. Only a hash is
 * stored; the plaintext cannot be shown again.
 */
import type { Command } from 'commander';
import { InputError } from '../../errors/index.js';
import { storeLocationFrom, DEFAULT_DATA_DIR } from '../../server/store-location.js';
import { isScope, openStore, type Scope } from '../../store/index.js';
import type { CliContext } from '../main.js';
import { printJson } from '../io.js';

interface TokenCreateOptions {
  scope: string;
  name?: string;
  dataDir?: string;
  database?: string;
  json?: boolean;
}

export function parseScopes(value: string): Scope[] {
  const scopes = value.split(',').map((s) => s.trim()).filter(Boolean);
  const bad = scopes.filter((s) => !isScope(s));
  if (scopes.length === 0 || bad.length > 0) {
    throw new InputError(`unknown scope ${JSON.stringify(bad[0] ?? value)}; use one of ingest, read, write, admin (comma-separated for several)`, [
      { path: '--scope', message: 'must be ingest, read, write or admin' },
    ]);
  }
  return scopes as Scope[];
}

export function register(program: Command, ctx: CliContext): void {
  const token = program.command('token').description('Manage API tokens (bearer tokens for the sloop server).');
  token
    .command('create')
    .description('Create a token and print it once (only its hash is stored).')
    .requiredOption('--scope <scope>', 'ingest (push SLI data), read, write or admin; comma-separated for several')
    .option('--name <name>', 'a name to recognise the token by', 'cli')
    .option('--data-dir <dir>', `embedded SQLite data directory (default ${DEFAULT_DATA_DIR})`)
    .option('--database <url>', 'PostgreSQL URL (default: $SLOOP_DATABASE_URL)')
    .option('--json', 'print {"token": "..."}')
    .action(async (options: TokenCreateOptions) => {
      const scopes = parseScopes(options.scope);
      const store = await openStore(storeLocationFrom(options, process.env));
      try {
        const created = await store.createToken({ name: options.name ?? 'cli', scopes, now: Date.now() });
        if (options.json) printJson(ctx.io, { token: created.token, id: created.info.id, name: created.info.name, scopes: created.info.scopes });
        else {
          ctx.io.out(created.token);
          ctx.io.err(`token "${created.info.name}" (${scopes.join(', ')}) created in ${store.location}; store it now: it is not shown again`);
        }
      } finally {
        await store.close();
      }
    });
}
