/**
 * The small HTTP client the on-call commands (oncall, override) share: bearer token from
 * --token or $SLOOP_TOKEN, errors mapped to typed errors (and so to documented exit codes),
 * and the shared options for answering from a server or from local config.
 */
import type { Command } from 'commander';
import { AuthenticationError, ConflictError, InputError, NotFoundError, UnavailableError, describeError } from '../../errors/index.js';

export interface ServerOptions {
  server?: string;
  token?: string;
}

export function addServerOptions(command: Command, scope: 'read' | 'write'): Command {
  return command
    .option('--server <url>', 'sloop server URL (default: $SLOOP_SERVER)')
    .option('--token <token>', `bearer token with the ${scope} scope (default: $SLOOP_TOKEN)`);
}

export function serverOf(options: ServerOptions): string | undefined {
  return options.server ?? process.env.SLOOP_SERVER;
}

export async function callServer<T>(options: ServerOptions, method: 'GET' | 'POST' | 'PATCH' | 'DELETE', path: string, body?: unknown): Promise<T> {
  const server = serverOf(options);
  if (!server) throw new InputError('no server; pass --server URL (or set SLOOP_SERVER)');
  const token = options.token ?? process.env.SLOOP_TOKEN;
  if (!token) throw new InputError('no token; pass --token or set SLOOP_TOKEN (create one with `sloop token create`)');
  let url: URL;
  try {
    url = new URL(path, server);
  } catch {
    throw new InputError(`--server ${JSON.stringify(server)} is not a URL; pass e.g. http://127.0.0.1:8080`);
  }
  let res: Response;
  try {
    res = await fetch(url, {
      method,
      headers: { authorization: `Bearer ${token}`, ...(body !== undefined ? { 'content-type': 'application/json' } : {}) },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(10_000),
    });
  } catch (err: unknown) {
    throw new UnavailableError(`cannot reach the sloop server at ${url.origin} (${describeError(err)}); check --server and the network`, { cause: err });
  }
  const json = (await res.json().catch(() => null)) as (T & { error?: { message: string; problems?: { path: string; message: string }[] } }) | null;
  const message = json?.error?.message ?? `HTTP ${res.status}`;
  if (res.status === 401 || res.status === 403) throw new AuthenticationError(`the server refused the token: ${message}`);
  if (res.status === 404) throw new NotFoundError(message);
  if (res.status === 409) throw new ConflictError(message);
  if (res.status >= 500 || !json) throw new UnavailableError(`the sloop server answered ${res.status}: ${message}`);
  if (!res.ok) throw new InputError(message, json.error?.problems ?? []);
  return json;
}

/** `2026-03-01T09:00:00+01:00`, `2026-03-01T08:00Z`, epoch ms, or `now`. */
export function parseTimeOption(value: string, flag: string, now: number): number {
  if (value === 'now') return now;
  if (/^\d+$/.test(value)) return Number(value);
  if (/(Z|[+-]\d{2}:?\d{2})$/i.test(value) && !Number.isNaN(Date.parse(value))) return Date.parse(value);
  if (/^\d{4}-\d{2}-\d{2}$/.test(value)) return Date.parse(`${value}T00:00:00Z`);
  throw new InputError(`${flag} ${JSON.stringify(value)} is not a time; write an ISO 8601 time with an offset (2026-03-01T09:00:00+01:00), a date (UTC midnight), epoch ms, or now`);
}
