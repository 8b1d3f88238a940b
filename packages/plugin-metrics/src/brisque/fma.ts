/**
 * Exact fused multiply-add for doubles, which JavaScript lacks.
 *
 * BRISQUE's reference grey image comes out of OpenBLAS's AVX2/FMA kernel (brisque.md §2), and single-ulp
 * differences in it flip the sign of near-zero MSCN coefficients, which moves scores by up to 3e-3. The emulation
 * follows Boldo & Melquiond, "Emulation of FMA and correctly rounded sums: proved algorithms using rounding to odd"
 * (IEEE TC 2008): split a·b exactly (Veltkamp/Dekker), add c with TwoSum, add the two error terms with rounding
 * to odd, and finish with one ordinary addition.
 */

const SPLITTER = 134217729; // 2^27 + 1

const bits = new Float64Array(1);
// Little-endian halves of the bit pattern: [0] low word, [1] high word (sign, exponent, top of significand).
const words = new Uint32Array(bits.buffer);

/** The double next to `x` in the direction of `towards`'s sign (x is finite and non-zero). */
function stepTowards(x: number, positive: boolean): number {
  bits[0] = x;
  // For a positive x, increasing the bit pattern moves away from zero; for a negative x, towards zero.
  if ((x > 0) === positive) {
    if (words[0] === 0xffffffff) { words[0] = 0; words[1]!++; } else words[0]!++;
  } else if (words[0] === 0) { words[0] = 0xffffffff; words[1]!--; } else words[0]!--;
  return bits[0]!;
}

function lastBitIsZero(x: number): boolean {
  bits[0] = x;
  return (words[0]! & 1) === 0;
}

export function fma(a: number, b: number, c: number): number {
  // Dekker's exact product: a·b = ph + pl.
  const ph = a * b;
  let t = SPLITTER * a;
  const ahi = t - (t - a);
  const alo = a - ahi;
  t = SPLITTER * b;
  const bhi = t - (t - b);
  const blo = b - bhi;
  const pl = ((ahi * bhi - ph) + ahi * blo + alo * bhi) + alo * blo;
  // TwoSum: c + ph = uh + ul exactly.
  const uh = c + ph;
  const bb = uh - c;
  const ul = (c - (uh - bb)) + (ph - bb);
  // ul + pl rounded to odd.
  let v = ul + pl;
  const vb = v - ul;
  const ve = (ul - (v - vb)) + (pl - vb);
  if (ve !== 0 && v !== 0 && lastBitIsZero(v)) v = stepTowards(v, ve > 0);
  return uh + v;
}
