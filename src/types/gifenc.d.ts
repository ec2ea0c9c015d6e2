/** gifenc 1.0.3 ships no types: the parts Sigmoid Lab uses. */
declare module 'gifenc' {
  type Palette = number[][];
  interface Encoder {
    writeFrame(
      index: Uint8Array,
      width: number,
      height: number,
      opts?: {
        palette?: Palette;
        delay?: number;
        repeat?: number;
        transparent?: boolean;
        transparentIndex?: number;
        /** Manual mode ({ auto: false }): this frame writes the screen, the palette and the loop. */
        first?: boolean;
      },
    ): void;
    /** "GIF89a" (manual mode: written by the caller before the first frame). */
    writeHeader(): void;
    finish(): void;
    bytes(): Uint8Array;
  }
  const gifenc: {
    GIFEncoder(opts?: { auto?: boolean; initialCapacity?: number }): Encoder;
    quantize(rgba: Uint8Array | Uint8ClampedArray, maxColors: number, opts?: { format?: string }): Palette;
    applyPalette(rgba: Uint8Array | Uint8ClampedArray, palette: Palette, format?: string): Uint8Array;
  };
  export default gifenc;
}
