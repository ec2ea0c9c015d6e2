/**
 * tanh in JavaScript for the loss surface's incremental loops (`tanhIntoLogitRows`): inlined by
 * the compiler, it costs about two thirds of a call of Math.tanh (V8's fdlibm, a C function) and
 * stays within 0.9 ulp of the true value, where Math.tanh is off by up to 1.6 ulps near ±0.96
 * (test/core/fastTanh.test.ts checks it against 120-bit mpmath references). Pure double
 * arithmetic, so the same on every machine. The training keeps Math.tanh.
 *
 * Keep it short: V8 inlines a function of up to 460 bytes of bytecode (this one has 447), and
 * a call instead of the inlined body costs much of the gain.
 */

/** 2^(j/32), j = 0..31, as the nearest double and the rest. */
const EXP2_HI = new Float64Array([
  1.0, 1.0218971486541166, 1.0442737824274138, 1.0671404006768237, 1.0905077326652577, 1.1143867425958924,
  1.1387886347566916, 1.1637248587775775, 1.189207115002721, 1.215247359980469, 1.241857812073484,
  1.2690509571917332, 1.2968395546510096, 1.3252366431597413, 1.3542555469368927, 1.383909881963832,
  1.4142135623730951, 1.4451808069770467, 1.4768261459394993, 1.5091644275934228, 1.5422108254079407,
  1.5759808451078865, 1.6104903319492543, 1.645755478153965, 1.681792830507429, 1.718619298122478,
  1.7562521603732995, 1.7947090750031072, 1.8340080864093424, 1.8741676341103, 1.9152065613971474,
  1.9571441241754002,
]);
const EXP2_LO = new Float64Array([
  0.0, 5.109225028973444e-17, 8.551889705537965e-17, -7.899853966841582e-17, -3.046782079812471e-17,
  1.0410278456845571e-16, 8.912812676025408e-17, 3.8292048369240935e-17, 3.982015231465646e-17,
  -7.712630692681488e-17, 4.658027591836937e-17, 2.667932131342186e-18, 2.5382502794888315e-17,
  -2.8587312100388614e-17, 7.70094837980299e-17, -6.770511658794786e-17, -9.667293313452913e-17,
  -3.0237581349939873e-17, -3.483994556892796e-17, -1.016455327754295e-16, 7.949834809697621e-17,
  -1.0136916471278304e-17, 2.4707192569797888e-17, -1.0125679913674773e-16, 8.199010020581497e-17,
  -1.851380418263111e-17, 2.960140695448873e-17, 1.8227458427912087e-17, 3.283107224245627e-17,
  -6.122763413004143e-17, -1.0619946056195963e-16, 8.960767791036668e-17,
]);
/** 32/ln 2, and ln 2/32 split so that k·LN2_32_HI is exact for |k| < 2^12. */
const INV_LN2_32 = 46.16624130844683;
const LN2_32_HI = 0.021660849392489467;
const LN2_32_LO = 8.823528300947368e-15;
/** 2^m, m = 0..63. */
const POW2 = new Float64Array(64);
for (let m = 0, v = 1; m < 64; m++, v *= 2) POW2[m] = v;

/**
 * tanh(x). |x| < 0.55: x + x·s·P(s)/Q(s), s = x² (Cephes' rational approximation; 0.84 ulp at
 * most, near 0.54 where tanh(x) < 0.5 ≤ x). Above: 1 − 2/(E + 1) with E = e^(2|x|) =
 * 2^m·2^(j/32)·e^r, |r| ≤ ln 2/64, e^r − 1 by its Taylor polynomial to r⁶ (the rest below 4e-18);
 * from 0.55 on tanh(x) ≥ 0.5 and 2/(E + 1) < 0.5, so its division rounds by at most a quarter
 * ulp of the result. |x| ≥ 22: ±1 (2/(E + 1) < 2^-62).
 */
export function fastTanh(x: number): number {
  const a = Math.abs(x);
  if (a < 0.55) {
    if (x === 0) return x; // ±0 keeps its sign
    const s = x * x;
    const p = (-0.9643991794250523 * s - 99.28772310019185) * s - 1614.6876844170845;
    const q = ((s + 112.81167849163293) * s + 2235.4883906010045) * s + 4844.063053251255;
    return x + x * s * (p / q);
  }
  if (!(a < 22)) return x > 0 ? 1 : x < 0 ? -1 : x; // ±1, NaN
  const y = 2 * a;
  const k = (y * INV_LN2_32 + 0.5) | 0; // nearest integer (y ≥ 0); Math.round costs more
  const r = y - k * LN2_32_HI - k * LN2_32_LO;
  const e = r + r * r * (0.5 + r * (1 / 6 + r * (1 / 24 + r * (1 / 120 + r * (1 / 720)))));
  // E = hi + lo with lo up to 2 % of hi; S = E + 1 and D = 2/S as double-doubles (Fast2Sum), so
  // that only the division and the last addition round: 1 − D to 0.76 ulp.
  const j = k & 31;
  const scale = POW2[k >> 5];
  const hi = scale * EXP2_HI[j];
  const lo = scale * (EXP2_LO[j] + EXP2_HI[j] * e);
  const s1 = hi + 1;
  const s2 = hi - s1 + 1 + lo;
  const s = s1 + s2;
  const sl = s2 - (s - s1);
  const d = 2 / s;
  const v = 1 - d;
  const t = v + (1 - v - d + d * d * sl * 0.5);
  return x < 0 ? -t : t;
}
