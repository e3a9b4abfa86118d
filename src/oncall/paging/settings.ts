/**
 * Paging settings a server takes from its environment (secrets never live in the YAML):
 *
 *   SLOOP_PUBLIC_URL           base URL for links in notifications (default: the listen address)
 *   SLOOP_ACTION_LINK_SECRET   signs acknowledge/resolve links; >= 16 characters. Without it a
 *                              random secret is used and links stop working after a restart.
 *   SLOOP_PAGING_INTERVAL_MS   worker tick (default 1000; tests use 200)
 *   SLOOP_SMTP_URL             smtp[s]://user:pass@host:port for email contact methods
 *   SLOOP_SMTP_FROM            sender address (default `sloop <sloop@localhost>`)
 */
import { randomBytes } from 'node:crypto';
import { InputError } from '../../errors/index.js';
import type { SmtpSettings } from '../../notify/index.js';

export interface PagingSettings {
  publicUrl: string | null;
  linkSecret: string;
  /** True when the secret was generated because none was configured. */
  linkSecretGenerated: boolean;
  intervalMs: number;
  smtp: SmtpSettings | undefined;
}

export function pagingSettingsFromEnv(env: Readonly<Record<string, string | undefined>>): PagingSettings {
  const secret = env.SLOOP_ACTION_LINK_SECRET;
  if (secret !== undefined && secret !== '' && secret.length < 16) {
    throw new InputError('SLOOP_ACTION_LINK_SECRET is shorter than 16 characters; generate one with `openssl rand -hex 32`');
  }
  const interval = env.SLOOP_PAGING_INTERVAL_MS ? Number(env.SLOOP_PAGING_INTERVAL_MS) : 1000;
  if (!Number.isInteger(interval) || interval < 10 || interval > 60_000) {
    throw new InputError(`SLOOP_PAGING_INTERVAL_MS=${env.SLOOP_PAGING_INTERVAL_MS} must be a whole number of milliseconds between 10 and 60000`);
  }
  return {
    publicUrl: env.SLOOP_PUBLIC_URL ? env.SLOOP_PUBLIC_URL.replace(/\/+$/, '') : null,
    linkSecret: secret || randomBytes(32).toString('hex'),
    linkSecretGenerated: !secret,
    intervalMs: interval,
    smtp: env.SLOOP_SMTP_URL ? parseSmtpUrl(env.SLOOP_SMTP_URL, env.SLOOP_SMTP_FROM) : undefined,
  };
}

function parseSmtpUrl(text: string, from: string | undefined): SmtpSettings {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new InputError('SLOOP_SMTP_URL is not a URL; use smtp://user:password@host:587 or smtps://host:465');
  }
  if (url.protocol !== 'smtp:' && url.protocol !== 'smtps:') throw new InputError('SLOOP_SMTP_URL must start with smtp:// or smtps://');
  const secure = url.protocol === 'smtps:';
  return {
    host: url.hostname,
    port: url.port ? Number(url.port) : secure ? 465 : 587,
    secure,
    ...(url.username ? { auth: { user: decodeURIComponent(url.username), pass: decodeURIComponent(url.password) } } : {}),
    from: from ?? 'sloop <sloop@localhost>',
  };
}
