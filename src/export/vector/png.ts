/** A PNG encoder in TypeScript (RGBA, or RGB when every pixel is opaque), the same bytes in every host. */
import { zlibSync } from 'fflate';

const CRC = new Uint32Array(256).map((_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});

function crc32(bytes: Uint8Array, start: number, end: number): number {
  let c = 0xffffffff;
  for (let i = start; i < end; i++) c = CRC[(c ^ bytes[i]) & 255] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

function chunk(type: string, data: Uint8Array): Uint8Array {
  const out = new Uint8Array(12 + data.length);
  const v = new DataView(out.buffer);
  v.setUint32(0, data.length);
  for (let i = 0; i < 4; i++) out[4 + i] = type.charCodeAt(i);
  out.set(data, 8);
  v.setUint32(8 + data.length, crc32(out, 4, 8 + data.length));
  return out;
}

export function isOpaque(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

export function encodePng(rgba: Uint8ClampedArray, width: number, height: number): Uint8Array {
  const opaque = isOpaque(rgba);
  const ch = opaque ? 3 : 4;
  const row = width * ch;
  const raw = new Uint8Array((row + 1) * height);
  for (let y = 0; y < height; y++) {
    // Filter "up" (2) for every row but the first: flat areas become zeros, which deflate well.
    const o = y * (row + 1);
    raw[o] = y === 0 ? 0 : 2;
    for (let x = 0; x < width; x++) {
      for (let k = 0; k < ch; k++) {
        const v = rgba[4 * (y * width + x) + k];
        raw[o + 1 + x * ch + k] = y === 0 ? v : (v - rgba[4 * ((y - 1) * width + x) + k]) & 255;
      }
    }
  }
  const ihdr = new Uint8Array(13);
  const v = new DataView(ihdr.buffer);
  v.setUint32(0, width);
  v.setUint32(4, height);
  ihdr[8] = 8;
  ihdr[9] = opaque ? 2 : 6;
  const parts = [
    new Uint8Array([137, 80, 78, 71, 13, 10, 26, 10]),
    chunk('IHDR', ihdr),
    chunk('IDAT', zlibSync(raw, { level: 6 })),
    chunk('IEND', new Uint8Array(0)),
  ];
  const out = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}
