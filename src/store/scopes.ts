/**
 * Scope implication. Reading, writing and administering form a ladder (admin ⊇ write ⊇
 * read) because each level needs to see what it changes. `ingest` sits beside the ladder:
 * a metrics pipeline's token should push SLI data and nothing else, and a `read` token
 * (a dashboard) must not be able to push. Only `admin` also grants `ingest`.
 */
import type { Scope } from './store.js';

const LADDER: Record<Exclude<Scope, 'ingest'>, number> = { read: 1, write: 2, admin: 3 };

/** True when a token holding `granted` may perform an action that requires `required`. */
export function scopeAllows(granted: readonly Scope[], required: Scope): boolean {
  if (required === 'ingest') return granted.includes('ingest') || granted.includes('admin');
  const need = LADDER[required];
  return granted.some((scope) => scope !== 'ingest' && LADDER[scope] >= need);
}

export function isScope(value: unknown): value is Scope {
  return value === 'ingest' || value === 'read' || value === 'write' || value === 'admin';
}
