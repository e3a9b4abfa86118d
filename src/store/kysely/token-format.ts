/**
 * Token strings are `sloop_<publicId>_<secret>`: the public id (16 hex chars) finds the row,
 * the secret (256 random bits, base64url) proves possession. Only SHA-256(secret) is stored.
 * A slow password KDF (bcrypt, scrypt) exists to make guessing low-entropy human passwords
 * expensive; a 256-bit random secret cannot be guessed, so a fast hash loses nothing, and it
 * keeps verification cheap on every request. The `sloop_` prefix lets secret scanners spot
 * leaked tokens.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

const TOKEN_PATTERN = /^sloop_([0-9a-f]{16})_([A-Za-z0-9_-]{43})$/;

export interface GeneratedToken {
  id: string;
  secretHash: string;
  token: string;
}

export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

export function generateToken(): GeneratedToken {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  return { id, secretHash: hashSecret(secret), token: `sloop_${id}_${secret}` };
}

export function parseToken(plaintext: string): { id: string; secret: string } | null {
  const match = TOKEN_PATTERN.exec(plaintext);
  return match ? { id: match[1]!, secret: match[2]! } : null;
}

/** Constant-time comparison of the stored hash with the hash of the presented secret. */
export function secretMatches(secret: string, storedHash: string): boolean {
  const presented = Buffer.from(hashSecret(secret), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
