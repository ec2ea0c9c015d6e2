/**
 * Seeded pseudo-random numbers: sfc32 seeded through splitmix32. Every random
 * choice of a run (data, initial weights, batch order) comes from a named stream
 * of the experiment's seed, so changing one of them never shifts another.
 */

export interface Rng {
  /** Uniform on [0, 1) with 53 random bits. */
  uniform(): number;
  /** Standard normal (Box–Muller, one value per call). */
  normal(): number;
  /** Uniform integer in 0..n−1. */
  int(n: number): number;
}

function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/** FNV-1a of a stream name, so streams of one seed are independent. */
function hashName(name: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < name.length; i++) h = Math.imul(h ^ name.charCodeAt(i), 0x01000193);
  return h >>> 0;
}

export function createRng(seed: number, stream = ''): Rng {
  const mix = splitmix32((seed >>> 0) ^ hashName(stream));
  let a = mix(),
    b = mix(),
    c = mix(),
    d = mix();
  const next = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  for (let i = 0; i < 12; i++) next();
  const uniform = (): number => ((next() >>> 5) * 67108864 + (next() >>> 6)) / 9007199254740992;
  return {
    uniform,
    normal: () => {
      // 1 − u ∈ (0, 1] keeps the log finite.
      const u = 1 - uniform();
      const v = uniform();
      return Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * v);
    },
    int: (n) => Math.floor(uniform() * n),
  };
}
