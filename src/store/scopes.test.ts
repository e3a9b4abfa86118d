import { describe, expect, it } from 'vitest';
import { isScope, scopeAllows } from './scopes.js';
import { SCOPES, type Scope } from './store.js';

describe('scopeAllows', () => {
  const table: Record<Scope, Scope[]> = {
    read: ['read'],
    write: ['read', 'write'],
    admin: ['ingest', 'read', 'write', 'admin'],
    ingest: ['ingest'],
  };
  for (const granted of SCOPES) {
    it(`a ${granted} token may do exactly ${table[granted].join(', ')}`, () => {
      const allowed = SCOPES.filter((required) => scopeAllows([granted], required));
      expect([...allowed].sort()).toEqual([...table[granted]].sort());
    });
  }

  it('combines scopes: ingest plus read allows both but not write', () => {
    expect(scopeAllows(['ingest', 'read'], 'ingest')).toBe(true);
    expect(scopeAllows(['ingest', 'read'], 'read')).toBe(true);
    expect(scopeAllows(['ingest', 'read'], 'write')).toBe(false);
  });

  it('allows nothing without scopes', () => {
    expect(SCOPES.some((s) => scopeAllows([], s))).toBe(false);
  });

  it('recognises exactly the four scope names', () => {
    expect(SCOPES.every(isScope)).toBe(true);
    expect(['root', 'READ', '', undefined].some(isScope)).toBe(false);
  });
});
