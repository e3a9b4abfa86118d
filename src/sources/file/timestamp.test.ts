import { describe, expect, it } from 'vitest';
import { parseTimestamp } from './timestamp.js';

describe('parseTimestamp', () => {
  it('reads RFC 3339 in UTC, with offsets and fractions, like Date.parse', () => {
    for (const t of ['2026-03-01T12:34:56Z', '2024-02-29T00:00:00Z', '2026-03-01T12:34:56.789+01:00', '1999-12-31T23:59:59-05:30', '2026-03-01 12:00:00z']) {
      expect(parseTimestamp(t)).toBe(Date.parse(t.replace(' ', 'T').replace(/z$/, 'Z')));
    }
  });

  it('reads Unix seconds, with fractions', () => {
    expect(parseTimestamp('1772366400')).toBe(1772366400_000);
    expect(parseTimestamp('1772366400.5')).toBe(1772366400_500);
  });

  it('rejects malformed and impossible times', () => {
    for (const t of ['', 'yesterday', '2026-02-30T00:00:00Z', '2025-02-29T00:00:00Z', '2026-03-01T24:00:00Z', '2026-03-01T12:00:00', '2026-03-01T12:00:00Zjunk', '17723x', '12.']) {
      expect(parseTimestamp(t), t).toBeNaN();
    }
  });
});
