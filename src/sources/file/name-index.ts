/**
 * Finds which known SLO a name in a data row refers to straight from the row's bytes (hash +
 * byte compare), so the hot loop allocates no string per row.
 */
export class NameIndex {
  private readonly bytes: Uint8Array;
  private readonly starts: Int32Array;
  private readonly ends: Int32Array;
  private readonly table: Int32Array;
  private readonly mask: number;

  constructor(readonly names: readonly string[]) {
    const encoded = names.map((n) => Buffer.from(n, 'utf8'));
    this.bytes = Buffer.concat(encoded);
    this.starts = new Int32Array(names.length);
    this.ends = new Int32Array(names.length);
    let at = 0;
    encoded.forEach((e, i) => {
      this.starts[i] = at;
      at += e.length;
      this.ends[i] = at;
    });
    let size = 16;
    while (size < names.length * 4) size *= 2;
    this.mask = size - 1;
    this.table = new Int32Array(size).fill(-1);
    encoded.forEach((e, i) => {
      let h = hash(e, 0, e.length) & this.mask;
      while (this.table[h] !== -1) {
        if (this.equals(this.table[h]!, e, 0, e.length)) return; // duplicate name: keep the first
        h = (h + 1) & this.mask;
      }
      this.table[h] = i;
    });
  }

  /** Index of the name in bytes [start, end), or -1. */
  lookup(b: Uint8Array, start: number, end: number): number {
    let h = hash(b, start, end) & this.mask;
    for (;;) {
      const i = this.table[h]!;
      if (i === -1) return -1;
      if (this.equals(i, b, start, end)) return i;
      h = (h + 1) & this.mask;
    }
  }

  private equals(i: number, b: Uint8Array, start: number, end: number): boolean {
    const s = this.starts[i]!;
    if (this.ends[i]! - s !== end - start) return false;
    for (let k = 0; k < end - start; k++) if (this.bytes[s + k] !== b[start + k]) return false;
    return true;
  }
}

function hash(b: Uint8Array, start: number, end: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < end; i++) h = Math.imul(h ^ b[i]!, 16777619);
  return h >>> 0;
}
