// snappyjs ships no types; only the two functions sloop uses are declared.
declare module 'snappyjs' {
  /** Snappy block format (not the framed format). Throws on a corrupt stream or when the
   *  declared uncompressed length exceeds `maxLength`. */
  export function uncompress(compressed: Uint8Array, maxLength?: number): Uint8Array;
  export function compress(uncompressed: Uint8Array): Uint8Array;
}
