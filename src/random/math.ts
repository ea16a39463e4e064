/**
 * Logarithm, exponential and power written in plain IEEE-754 double arithmetic, so that a seed gives
 * the same numbers, bit for bit, on every JavaScript engine.
 *
 * ECMAScript fixes `+ − × ÷` and `Math.sqrt` to the correctly rounded result, but leaves `Math.log`,
 * `Math.exp`, `Math.pow` (and `**`) "implementation-approximated": engines differ in the last bit for
 * a few per cent of arguments (Node 20's V8 and a current Chromium do). A draw that passes through one
 * of them would then differ between Node and the browser workbench, and so would every mean built on
 * it. The functions below use only the exactly specified operations plus reading and writing the bits
 * of a double, so their results are fixed by the code alone.
 *
 * The algorithms are the classic ones of Sun's freely licensed fdlibm (the library V8 itself ported),
 * re-expressed here:
 *
 * - `log`: write x = 2ᵏ·(1+f) with 1+f in [√2/2, √2); with s = f/(2+f), log(1+f) = 2s + 2s³/3 + …,
 *   whose tail is a degree-14 minimax polynomial in s; k·ln 2 is added in two parts (a head with
 *   trailing zeros, so k·head is exact, and a tail).
 * - `log1p`: the same kernel, with a correction term for the rounding of 1+x so that small x keep their
 *   relative precision.
 * - `exp`: x = k·ln 2 + r with |r| ≤ ln2/2 (r kept as hi − lo), a rational Remez approximation of
 *   r·(eʳ+1)/(eʳ−1), then the exponent field is raised by k.
 * - `pow`: log₂|x| in extra precision (a head with its low 32 bits cleared plus a tail), multiplied by
 *   y split the same way, then 2^(head+tail) with the exp kernel; this keeps the error below 1 ulp
 *   for large products y·log₂x, which `exp(y·log x)` does not.
 *
 * Special arguments (NaN, ±∞, ±0, negative logarithms, y = 0 …) are left to `Math`, whose results
 * there are exactly specified by ECMAScript.
 *
 * **Written for V8's compiler**, since `log`, `log1p` and `exp` run once or twice per random draw:
 * - the reduction to [√2/2, √2) multiplies by a power of two from a table (exact) instead of writing
 *   the high word into a double and reading the whole double back, which stalls the processor's
 *   store-to-load forwarding;
 * - their coefficients are constants inside the functions, where the compiler folds them, and not
 *   module constants, which optimised code re-reads and re-checks on every call (so some values appear
 *   in two functions);
 * - rare branches live in helpers, so that `log` and `log1p` stay small enough to be inlined into the
 *   draws that call them.
 * The arithmetic itself is unchanged, operation for operation, so the results are the same bits.
 *
 * @module
 */

// ---- reading and writing the two 32-bit halves of a double ---------------------------------------

const F64 = new Float64Array(1);
const U32 = new Uint32Array(F64.buffer);
const I32 = new Int32Array(F64.buffer);
/** Index of the half with the sign and exponent: typed arrays use the platform's byte order. */
const HI = (() => {
  F64[0] = 1;
  return U32[1] === 0x3ff00000 ? 1 : 0;
})();
const LO = 1 - HI;

/** The high word (sign, exponent, top 20 bits of the fraction) as a signed 32-bit integer. */
function high(x: number): number {
  F64[0] = x;
  return I32[HI]!;
}

/** x with its high word replaced. */
function withHigh(x: number, hi: number): number {
  F64[0] = x;
  I32[HI] = hi;
  return F64[0]!;
}

/** x with its low 32 bits cleared: a head whose products with short numbers are exact. */
function clearLow(x: number): number {
  F64[0] = x;
  U32[LO] = 0;
  return F64[0]!;
}

/** The double whose high word is `hi` and low word 0. */
function fromHigh(hi: number): number {
  I32[HI] = hi;
  U32[LO] = 0;
  return F64[0]!;
}

/** 2ⁿ⁻¹⁰⁷⁴ at index n: every power of two a double holds, so that scaling by one is one exact product. */
const TWO_TO = new Float64Array(2098);
TWO_TO[0] = 5e-324;
for (let i = 1; i < TWO_TO.length; i++) TWO_TO[i] = TWO_TO[i - 1]! * 2;

// ---- log -----------------------------------------------------------------------------------------

/**
 * The natural logarithm, within 1 ulp, identical on every engine.
 *
 * @example
 * ```ts
 * log(Math.E); // 1
 * ```
 */
export function log(x: number): number {
  // ln 2 split: the head has 32 trailing zero bits, so k·LN2_HI is exact for |k| < 2¹¹.
  const LN2_HI = 0.6931471803691238;
  const LN2_LO = 1.9082149292705877e-10;
  // Minimax coefficients (fdlibm's Lg1…Lg7): log(1+f) − 2s ≈ s·(z·L1 + z²·L2 + … + z⁷·L7), z = s².
  const L1 = 0.6666666666666735;
  const L2 = 0.3999999999940942;
  const L3 = 0.2857142874366239;
  const L4 = 0.22222198432149784;
  const L5 = 0.1818357216161805;
  const L6 = 0.15313837699209373;
  const L7 = 0.14798198605116586;
  let hx = high(x);
  let k = 0;
  if (hx < 0x00100000 || hx >= 0x7ff00000) {
    // zero, negative, NaN, ∞: as specified; subnormal: scaled into the normal range
    if (!(x > 0) || hx >= 0x7ff00000) return Math.log(x);
    k = -54;
    x *= 18014398509481984; // 2⁵⁴
    hx = high(x);
  }
  const e = (hx >> 20) - 1023;
  hx &= 0x000fffff;
  // i is 0x100000 when the fraction is ≥ √2 − 1: then halve, so 1+f lands in [√2/2, √2).
  const i = (hx + 0x95f64) & 0x100000;
  const m = e + (i >> 20);
  x *= TWO_TO[1074 - m]!;
  k += m;
  const f = x - 1;
  if ((0x000fffff & (2 + hx)) < 3) return logNearOne(f, k);
  const s = f / (2 + f);
  const z = s * s;
  const w = z * z;
  const t1 = w * (L2 + w * (L4 + w * L6));
  const t2 = z * (L1 + w * (L3 + w * (L5 + w * L7)));
  const r = t2 + t1;
  // Far from 1 the half-square form loses less to rounding. (k = 0 needs no form of its own: k·ln 2
  // is then an exact 0, and 0 − (a − f) is exactly f − a.)
  if (((hx - 0x6147a) | (0x6b851 - hx)) > 0) {
    const hfsq = 0.5 * f * f;
    return k * LN2_HI - (hfsq - (s * (hfsq + r) + k * LN2_LO) - f);
  }
  return k * LN2_HI - (s * (f - r) - k * LN2_LO - f);
}

/** log(1 + f) + k·ln 2 for |f| < 2⁻²⁰, where a short series does. */
function logNearOne(f: number, k: number): number {
  const LN2_HI = 0.6931471803691238;
  const LN2_LO = 1.9082149292705877e-10;
  if (f === 0) return k * LN2_HI + k * LN2_LO;
  const r = f * f * (0.5 - 0.3333333333333333 * f);
  return k * LN2_HI - (r - k * LN2_LO - f);
}

/**
 * log(1 + x), accurate for small x as well, within 1 ulp, identical on every engine.
 *
 * @example
 * ```ts
 * log1p(1e-20); // 1e-20
 * ```
 */
export function log1p(x: number): number {
  const hx = high(x);
  const ax = hx & 0x7fffffff;
  if (hx < 0x3fda827a) {
    // 1 + x < √2
    if (ax >= 0x3ff00000) return Math.log1p(x); // x ≤ −1
    if (ax < 0x3e200000) {
      // |x| < 2⁻²⁹: x − x²/2 is exact to the last bit
      if (ax < 0x3c900000) return x;
      return x - x * x * 0.5;
    }
    // √2/2 ≤ 1 + x < √2: no reduction needed
    if (hx > 0 || hx <= (0xbfd2bec4 | 0)) return log1pKernel(x, 0, 1, 0);
  }
  if (hx >= 0x7ff00000) return Math.log1p(x);
  let u: number;
  let hu: number;
  let k: number;
  let c = 0;
  if (hx < 0x43400000) {
    u = 1 + x;
    hu = high(u);
    k = (hu >> 20) - 1023;
    // what the rounding of 1 + x lost, relative to u
    c = k > 0 ? 1 - (u - x) : x - (u - 1);
    c /= u;
  } else {
    // x ≥ 2⁵³: 1 + x is x
    u = x;
    hu = high(u);
    k = (hu >> 20) - 1023;
  }
  hu &= 0x000fffff;
  if (hu >= 0x6a09e) {
    k += 1;
    hu = (0x00100000 - hu) >> 2;
  }
  // u·2⁻ᵏ lies in [√2/2, √2)
  return log1pKernel(u * TWO_TO[1074 - k]! - 1, k, hu, c);
}

/** log(1 + f) + k·ln 2 + c, for 1 + f in [√2/2, √2); hu = 0 flags |f| < 2⁻²⁰. */
function log1pKernel(f: number, k: number, hu: number, c: number): number {
  // ln 2 split and fdlibm's Lg1…Lg7, as in log
  const LN2_HI = 0.6931471803691238;
  const LN2_LO = 1.9082149292705877e-10;
  const L1 = 0.6666666666666735;
  const L2 = 0.3999999999940942;
  const L3 = 0.2857142874366239;
  const L4 = 0.22222198432149784;
  const L5 = 0.1818357216161805;
  const L6 = 0.15313837699209373;
  const L7 = 0.14798198605116586;
  const hfsq = 0.5 * f * f;
  if (hu === 0) {
    // |f| < 2⁻²⁰
    if (f === 0) return k === 0 ? 0 : k * LN2_HI + (c + k * LN2_LO);
    const r = hfsq * (1 - 0.6666666666666666 * f);
    return k === 0 ? f - r : k * LN2_HI - (r - (k * LN2_LO + c) - f);
  }
  const s = f / (2 + f);
  const z = s * s;
  const r = z * (L1 + z * (L2 + z * (L3 + z * (L4 + z * (L5 + z * (L6 + z * L7))))));
  // k = 0 keeps fdlibm's own form, which leaves out c (not always 0 then: 1 + x near √2/2).
  if (k === 0) return f - (hfsq - s * (hfsq + r));
  return k * LN2_HI - (hfsq - (s * (hfsq + r) + (k * LN2_LO + c)) - f);
}

// ---- exp -----------------------------------------------------------------------------------------

/** 2⁻¹⁰⁰⁰. */
const TWO_M1000 = 9.332636185032189e-302;

/** y · 2ᵏ for y near 1: exact while the result is a normal number, rounded once when it is subnormal. */
function scaleExp(y: number, k: number): number {
  if (k >= -1021) return k > 1023 ? y * 2 * TWO_TO[1023 + 1074]! : y * TWO_TO[k + 1074]!;
  return withHigh(y, high(y) + ((k + 1000) << 20)) * TWO_M1000;
}

/**
 * r − r²·P(r²) for the Remez polynomial of r·(eʳ+1)/(eʳ−1) ≈ 2 + r²·P(r²) (fdlibm's P1…P5), the
 * kernel of `exp` and of `pow`'s last step.
 */
function expKernel(r: number): number {
  const P1 = 0.16666666666666602;
  const P2 = -0.0027777777777015593;
  const P3 = 0.00006613756321437934;
  const P4 = -0.0000016533902205465252;
  const P5 = 4.1381367970572385e-8;
  const t = r * r;
  return r - t * (P1 + t * (P2 + t * (P3 + t * (P4 + t * P5))));
}

/**
 * eˣ, within 1 ulp, identical on every engine.
 *
 * @example
 * ```ts
 * exp(0); // 1
 * ```
 */
export function exp(x: number): number {
  // ln 2 split, as in log
  const LN2_HI = 0.6931471803691238;
  const LN2_LO = 1.9082149292705877e-10;
  const INV_LN2 = Math.LOG2E;
  // Overflow and underflow thresholds.
  const O_THRESHOLD = 709.782712893384;
  const U_THRESHOLD = -745.1332191019411;
  // The branch points as magnitudes: doubles whose low word is 0 (high words 0x40862e42, 0x3fd62e43,
  // 0x3ff0a2b2, 0x3e300000), so comparing |x| with them is comparing high words, without bit access.
  // From EXP_LARGE (709.78…) on, exp may overflow or underflow; from EXP_REDUCE (just above ln2/2)
  // on, x is reduced by k·ln 2; below EXP_ONE_STEP (just above 1.5·ln 2), k = ±1; below EXP_TINY
  // (2⁻²⁸), 1 + x is correctly rounded.
  const EXP_LARGE = 709.7822265625;
  const EXP_REDUCE = 0.3465735912322998;
  const EXP_ONE_STEP = 1.0397205352783203;
  const EXP_TINY = 3.725290298461914e-9;
  const ax = Math.abs(x);
  // not finite, NaN, or beyond the overflow and underflow thresholds
  if (!(ax < EXP_LARGE) && (Number.isNaN(ax) || x > O_THRESHOLD || x < U_THRESHOLD)) return Math.exp(x);
  const neg = x < 0;
  let hi = 0;
  let lo = 0;
  let k = 0;
  if (ax >= EXP_REDUCE) {
    // |x| > ln2/2: reduce by k·ln 2
    if (ax < EXP_ONE_STEP) {
      hi = neg ? x + LN2_HI : x - LN2_HI;
      lo = neg ? -LN2_LO : LN2_LO;
      k = neg ? -1 : 1;
    } else {
      k = (INV_LN2 * x + (neg ? -0.5 : 0.5)) | 0;
      hi = x - k * LN2_HI;
      lo = k * LN2_LO;
    }
    x = hi - lo;
  } else if (ax < EXP_TINY) {
    return 1 + x;
  }
  const c = expKernel(x);
  if (k === 0) return 1 - ((x * c) / (c - 2) - x);
  return scaleExp(1 - (lo - (x * c) / (2 - c) - hi), k);
}

// ---- pow -----------------------------------------------------------------------------------------

/** 1 and 1.5: the two centres of the reduction of |x| for log₂. */
const BP = [1, 1.5] as const;
/** log₂(1.5) split in head and tail. */
const DP_H = [0, 0.5849624872207642] as const;
const DP_L = [0, 1.350039202129749e-8] as const;
/** Coefficients of the log kernel in pow: (3/2)·(log(x) − 2s − 2s³/3) in s². */
const Q1 = 0.5999999999999946;
const Q2 = 0.4285714285785502;
const Q3 = 0.33333332981837743;
const Q4 = 0.272728123808534;
const Q5 = 0.23066074577556175;
const Q6 = 0.20697501780033842;
const LG2 = Math.LN2;
const LG2_H = 0.6931471824645996;
const LG2_L = -1.904654299957768e-9;
/** −(1024 − log₂(largest double + ½ ulp)): decides overflow at exactly z = 1024. */
const OVT = 8.008566259537294e-17;
/** 2/(3 ln 2) and its split. */
const CP = 0.9617966939259756;
const CP_H = 0.9617967009544373;
const CP_L = -7.028461650952758e-9;
/** 1/ln 2 split: the head has 24 significant bits. */
const IVLN2 = Math.LOG2E;
const IVLN2_H = 1.4426950216293335;
const IVLN2_L = 1.9259629911266175e-8;
const TWO53 = 9007199254740992;

/** 2ⁿ for −1074 ≤ n ≤ 1023, built from bits. */
function pow2(n: number): number {
  if (n >= -1022) return fromHigh((n + 1023) << 20);
  return fromHigh(0x00100000) * fromHigh((n + 1022 + 1023) << 20);
}

/**
 * xʸ, within 1 ulp, identical on every engine. Integer powers with a small exponent are better
 * written as multiplications; this is for fractional and large exponents.
 *
 * @example
 * ```ts
 * pow(2, 0.5); // 1.4142135623730951
 * ```
 */
export function pow(x: number, y: number): number {
  // Non-finite operands, y = 0, x = ±0, ±1 and negative bases follow the exactly specified rules.
  if (!(x > 0) || x === 1 || x === Infinity || y === 0 || !Number.isFinite(y)) return x ** y;
  if (y === 1) return x;
  if (y === -1) return 1 / x;
  if (y === 2) return x * x;
  if (y === 0.5) return Math.sqrt(x);
  let ix = high(x);
  const hy = high(y);
  const iy = hy & 0x7fffffff;
  let t1: number;
  let t2: number;
  if (iy > 0x41e00000) {
    // |y| > 2³¹: the result over- or underflows unless x is within 2⁻²⁰ of 1
    if (iy > 0x43f00000 || ix < 0x3fefffff || ix > 0x3ff00000) return x ** y;
    // then log₂x from the series in t = x − 1, which has 20 trailing zero bits
    const t = x - 1;
    const w = t * t * (0.5 - t * (0.3333333333333333 - t * 0.25));
    const u = IVLN2_H * t;
    const v = t * IVLN2_L - w * IVLN2;
    t1 = clearLow(u + v);
    t2 = v - (t1 - u);
  } else {
    let ax = x;
    let n = 0;
    if (ix < 0x00100000) {
      ax *= TWO53;
      n -= 53;
      ix = high(ax);
    }
    n += (ix >> 20) - 0x3ff;
    const j = ix & 0x000fffff;
    // centre the mantissa on 1 (below √(3/2)) or 1.5 (below √3), or halve it
    let k: 0 | 1;
    ix = j | 0x3ff00000;
    if (j <= 0x3988e) k = 0;
    else if (j < 0xbb67a) k = 1;
    else {
      k = 0;
      n += 1;
      ix -= 0x00100000;
    }
    ax = withHigh(ax, ix);
    // ss = s_h + s_l = (ax − bp)/(ax + bp), the head with its low word cleared
    const u0 = ax - BP[k];
    const v0 = 1 / (ax + BP[k]);
    const ss = u0 * v0;
    const sH = clearLow(ss);
    let tH = fromHigh(((ix >> 1) | 0x20000000) + 0x00080000 + (k << 18));
    let tL = ax - (tH - BP[k]);
    const sL = v0 * (u0 - sH * tH - sH * tL);
    // log(ax) as a polynomial in ss, again in two parts
    let s2 = ss * ss;
    let r = s2 * s2 * (Q1 + s2 * (Q2 + s2 * (Q3 + s2 * (Q4 + s2 * (Q5 + s2 * Q6)))));
    r += sL * (sH + ss);
    s2 = sH * sH;
    tH = clearLow(3 + s2 + r);
    tL = r - (tH - 3 - s2);
    const u1 = sH * tH;
    const v1 = sL * tH + tL * ss;
    const pH = clearLow(u1 + v1);
    const pL = v1 - (pH - u1);
    // log₂(ax) = n + dp_h + z_h + z_l
    const zH = CP_H * pH;
    const zL = CP_L * pH + pL * CP + DP_L[k];
    t1 = clearLow(zH + zL + DP_H[k] + n);
    t2 = zL - (t1 - n - DP_H[k] - zH);
  }
  // y·log₂x = p_h + p_l, with y split so that y1·t1 is exact
  const y1 = clearLow(y);
  const pL = (y - y1) * t1 + y * t2;
  let pH = y1 * t1;
  const z0 = pL + pH;
  F64[0] = z0;
  const j = I32[HI]!;
  const lz = U32[LO]!;
  if (j >= 0x40900000) {
    // z ≥ 1024
    if (((j - 0x40900000) | lz) !== 0 || pL + OVT > z0 - pH) return Infinity;
  } else if ((j & 0x7fffffff) >= 0x4090cc00) {
    // z ≤ −1075
    if (((j - (0xc090cc00 | 0)) | lz) !== 0 || pL <= z0 - pH) return 0;
  }
  // 2^(p_h + p_l): take out the nearest integer n, then e^((p_h + p_l)·ln 2) by the exp kernel
  const i = j & 0x7fffffff;
  let k = (i >> 20) - 0x3ff;
  let n = 0;
  if (i > 0x3fe00000) {
    n = j + (0x00100000 >> (k + 1));
    k = ((n & 0x7fffffff) >> 20) - 0x3ff;
    const t = fromHigh(n & ~(0x000fffff >> k));
    n = ((n & 0x000fffff) | 0x00100000) >> (20 - k);
    if (j < 0) n = -n;
    pH -= t;
  }
  const t = clearLow(pL + pH);
  const u = t * LG2_H;
  const v = (pL - (t - pH)) * LG2 + t * LG2_L;
  let z = u + v;
  const w = v - (z - u);
  const c = expKernel(z);
  const r = (z * c) / (c - 2) - (w + z * w);
  z = 1 - (r - z);
  const hz = high(z) + (n << 20);
  if (hz >> 20 <= 0) return z * pow2(n + 100) * pow2(-100); // a subnormal result: round once
  return withHigh(z, hz);
}
