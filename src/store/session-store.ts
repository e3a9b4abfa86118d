/**
 * Console log-in sessions (the web console's `sloop_session` cookie), kept in the database so a
 * restart logs nobody out and every replica on one PostgreSQL accepts every session. The store
 * never sees the cookie value: it keys a session by SHA-256 of it (`idHash`), and it holds the
 * id of the API token the session was created from, never the token's secret. A session is
 * only as good as its token: `get` reports the token's current identity, or null once it was
 * revoked.
 */
import type { VerifiedToken } from './store.js';

export interface NewConsoleSession {
  /** SHA-256 of the cookie value, 64 lowercase hex characters. */
  idHash: string;
  /** The API token the user logged in with (`TokenInfo.id`); it must exist. */
  tokenId: string;
  expiresAt: number;
}

export interface ConsoleSession {
  idHash: string;
  tokenId: string;
  createdAt: number;
  expiresAt: number;
  /** The token's identity now, or null when it was revoked since the log-in. */
  token: VerifiedToken | null;
}

export interface ConsoleSessionStore {
  /**
   * Adds a session. In the same transaction it deletes every expired session and, when the
   * token already holds `maxPerToken` sessions, its oldest ones, so the table stays bounded.
   * Two replicas logging the same token in at the same moment may each keep one more (the cap
   * is a bound on growth, not an exact quota). Throws InputError for a malformed hash, a
   * duplicate hash, or an unknown token id.
   */
  create(session: NewConsoleSession, opts: { now: number; maxPerToken: number }): Promise<void>;
  /**
   * The unexpired session with this hash (expiresAt > now), or null. Like `verifyToken`, it
   * records the token's `lastUsedAt` (at most once a minute) when the token is still valid.
   */
  get(idHash: string, now: number): Promise<ConsoleSession | null>;
  /** Ends a session (log-out, revoked token). Returns false when there was none. */
  delete(idHash: string): Promise<boolean>;
  /** Deletes sessions with expiresAt <= now. Returns rows deleted. */
  deleteExpired(now: number): Promise<number>;
}
