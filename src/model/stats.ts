// Small exact statistics for tests and scenario readouts. Pure TypeScript in double precision,
// so a test's p-value or error bar does not depend on a statistics package being installed.

/**
 * Two-sided Fisher exact test of the 2×2 table [[a, b], [c, d]] (rows: groups; columns: event,
 * no event). Sums the hypergeometric probabilities of every table with the same margins that is
 * no more likely than the observed one; "no more likely" allows a relative 1e-7, as R's
 * fisher.test does, so tables tied with the observed one are not lost to rounding.
 */
export function fisherExact2x2(a: number, b: number, c: number, d: number): { pTwoSided: number } {
  for (const [name, v] of [['a', a], ['b', b], ['c', c], ['d', d]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new RangeError(`fisherExact2x2: ${name} = ${v} is not a count (a non-negative integer)`);
  }
  const row1 = a + b;
  const row2 = c + d;
  const col1 = a + c;
  const n = row1 + row2;
  const lo = Math.max(0, col1 - row2);
  const hi = Math.min(row1, col1);
  const logNorm = logChoose(n, col1);
  // Probabilities in log space: the binomial coefficients overflow doubles from n ≈ 1030.
  const p = (x: number) => Math.exp(logChoose(row1, x) + logChoose(row2, col1 - x) - logNorm);
  const observed = p(a) * (1 + 1e-7);
  let sum = 0;
  for (let x = lo; x <= hi; x++) {
    const px = p(x);
    if (px <= observed) sum += px;
  }
  return { pTwoSided: Math.min(1, sum) };
}

/** Standard error of a proportion p estimated from n trials: √(p(1−p)/n). */
export function binomialStandardError(p: number, n: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`binomialStandardError: p = ${p} is not in [0, 1]`);
  if (!(n > 0)) throw new RangeError(`binomialStandardError: n = ${n} must be positive`);
  return Math.sqrt((p * (1 - p)) / n);
}

// An empty sample throws rather than returning NaN, which would travel silently into a readout.
/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: readonly number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = sorted.length >> 1;
  return sorted.length % 2 ? sorted[mid] : 0.5 * (sorted[mid - 1] + sorted[mid]);
}

export function mean(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('mean: no values');
  let sum = 0;
  for (const v of values) sum += v;
  return sum / values.length;
}

/** Standard error of the mean: the sample standard deviation (n − 1 in the denominator) over √n. */
export function standardError(values: readonly number[]): number {
  if (values.length < 2) throw new RangeError(`standardError: needs at least 2 values, got ${values.length}`);
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1) / values.length);
}

/**
 * Pearson's χ² goodness of fit. `expected` may be counts or proportions: it is scaled to the
 * observed total, as R's chisq.test(x, p = …) does. `estimatedParameters` (fitted from the same
 * data) each remove one degree of freedom.
 */
export function chiSquareGoodnessOfFit(
  observed: readonly number[],
  expected: readonly number[],
  estimatedParameters = 0,
): { statistic: number; dof: number; p: number } {
  if (observed.length !== expected.length) {
    throw new RangeError(`chiSquareGoodnessOfFit: ${observed.length} observed categories but ${expected.length} expected`);
  }
  const dof = observed.length - 1 - estimatedParameters;
  if (dof < 1) throw new RangeError(`chiSquareGoodnessOfFit: ${dof} degrees of freedom; needs more categories`);
  const totalObserved = observed.reduce((s, v) => s + v, 0);
  const totalExpected = expected.reduce((s, v) => s + v, 0);
  let statistic = 0;
  for (let i = 0; i < observed.length; i++) {
    if (!(expected[i]! > 0)) throw new RangeError(`chiSquareGoodnessOfFit: expected[${i}] = ${expected[i]} must be positive`);
    const e = (expected[i]! * totalObserved) / totalExpected;
    statistic += (observed[i]! - e) ** 2 / e;
  }
  return { statistic, dof, p: chiSquareSurvival(statistic, dof) };
}

/** P(X ≥ x) for X ~ χ²(dof). */
export function chiSquareSurvival(x: number, dof: number): number {
  if (x <= 0) return 1;
  return regularizedGammaQ(dof / 2, x / 2);
}

/**
 * Q(a, x) = Γ(a, x) / Γ(a). The series converges fast for x < a + 1 and the continued fraction
 * (modified Lentz) for x ≥ a + 1; each is used where the other would need many terms.
 */
export function regularizedGammaQ(a: number, x: number): number {
  if (!(a > 0) || !(x >= 0)) throw new RangeError(`regularizedGammaQ: needs a > 0 and x ≥ 0, got a = ${a}, x = ${x}`);
  if (x === 0) return 1;
  const logPrefactor = a * Math.log(x) - x - logGamma(a);
  if (x < a + 1) {
    let term = 1 / a;
    let sum = term;
    for (let n = 1; n < 10_000 && Math.abs(term) > Math.abs(sum) * 1e-16; n++) {
      term *= x / (a + n);
      sum += term;
    }
    return 1 - sum * Math.exp(logPrefactor);
  }
  const tiny = 1e-300;
  let b = x + 1 - a;
  let c = 1 / tiny;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i < 10_000; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < tiny) d = tiny;
    c = b + an / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) break;
  }
  return Math.exp(logPrefactor) * h;
}

// Lanczos approximation (g = 7, 9 coefficients): about 15 significant digits for a > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.abs(Math.sin(Math.PI * x))) - logGamma(1 - x);
  const z = x - 1;
  let sum = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) sum += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(sum);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/** Sample standard deviation (n − 1 in the denominator). */
export function sampleStandardDeviation(values: readonly number[]): number {
  if (values.length < 2) throw new RangeError(`sampleStandardDeviation: needs at least 2 values, got ${values.length}`);
  const m = mean(values);
  let ss = 0;
  for (const v of values) ss += (v - m) ** 2;
  return Math.sqrt(ss / (values.length - 1));
}

/**
 * Confidence interval of the mean from Student's t: mean ± t((1 + level)/2, n − 1)·sd/√n.
 * One value has no spread to estimate, so its interval is null rather than a made-up width.
 */
export function meanConfidenceInterval(
  values: readonly number[],
  level = 0.95,
): { n: number; mean: number; sd: number | null; low: number | null; high: number | null } {
  if (!(level > 0 && level < 1)) throw new RangeError(`meanConfidenceInterval: level = ${level} is not in (0, 1)`);
  const m = mean(values);
  if (values.length < 2) return { n: values.length, mean: m, sd: null, low: null, high: null };
  const sd = sampleStandardDeviation(values);
  const half = (studentTQuantile((1 + level) / 2, values.length - 1) * sd) / Math.sqrt(values.length);
  return { n: values.length, mean: m, sd, low: m - half, high: m + half };
}

/** P(T ≤ t) for T ~ Student's t with `dof` degrees of freedom (dof may be fractional). */
export function studentTCdf(t: number, dof: number): number {
  if (!(dof > 0)) throw new RangeError(`studentTCdf: dof = ${dof} must be positive`);
  if (Number.isNaN(t)) throw new RangeError('studentTCdf: t is NaN');
  const upper = studentTUpperTail(Math.abs(t), dof);
  return t >= 0 ? 1 - upper : upper;
}

/**
 * The p-quantile of Student's t with `dof` degrees of freedom: the t with P(T ≤ t) = p.
 * Bisection on the upper tail, run until the bracket cannot shrink any more, so the answer is
 * as exact as the tail itself (about 14 digits) at any p and dof without a starting guess.
 */
export function studentTQuantile(p: number, dof: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`studentTQuantile: p = ${p} is not in (0, 1)`);
  if (!(dof > 0)) throw new RangeError(`studentTQuantile: dof = ${dof} must be positive`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -studentTQuantile(1 - p, dof);
  const q = 1 - p;
  let lo = 0;
  let hi = 1;
  while (studentTUpperTail(hi, dof) > q) {
    lo = hi;
    hi *= 2;
  }
  for (;;) {
    const mid = lo + (hi - lo) / 2;
    if (mid <= lo || mid >= hi) return mid;
    if (studentTUpperTail(mid, dof) > q) lo = mid;
    else hi = mid;
  }
}

// P(T ≥ t) for t ≥ 0 = ½·I_x(ν/2, ½) with x = ν/(ν + t²); 1 − x is formed as t²/(ν + t²)
// rather than by subtraction, which would lose the digits that matter for large t or ν.
function studentTUpperTail(t: number, dof: number): number {
  const d = dof + t * t;
  return 0.5 * incompleteBeta(dof / d, (t * t) / d, dof / 2, 0.5);
}

/** The regularized incomplete beta function I_x(a, b) = B(x; a, b) / B(a, b). */
export function regularizedIncompleteBeta(x: number, a: number, b: number): number {
  if (!(a > 0) || !(b > 0)) throw new RangeError(`regularizedIncompleteBeta: needs a > 0 and b > 0, got a = ${a}, b = ${b}`);
  if (!(x >= 0 && x <= 1)) throw new RangeError(`regularizedIncompleteBeta: x = ${x} is not in [0, 1]`);
  return incompleteBeta(x, 1 - x, a, b);
}

// x and y = 1 − x both given, each as precise as the caller has it. The continued fraction
// converges fast for x < (a + 1)/(a + b + 2); beyond it the symmetry I_x(a, b) = 1 − I_y(b, a)
// moves the evaluation to where it does.
function incompleteBeta(x: number, y: number, a: number, b: number): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const logPrefactor = a * Math.log(x) + b * Math.log(y) - logBeta(a, b);
  if (x < (a + 1) / (a + b + 2)) return (Math.exp(logPrefactor) * betaContinuedFraction(x, a, b)) / a;
  return 1 - (Math.exp(logPrefactor) * betaContinuedFraction(y, b, a)) / b;
}

function logBeta(a: number, b: number): number {
  return logGamma(a) + logGamma(b) - logGamma(a + b);
}

// The continued fraction of I_x(a, b) (Numerical Recipes §6.4), evaluated by modified Lentz.
function betaContinuedFraction(x: number, a: number, b: number): number {
  const tiny = 1e-300;
  let c = 1;
  let d = 1 - ((a + b) * x) / (a + 1);
  if (Math.abs(d) < tiny) d = tiny;
  d = 1 / d;
  let h = d;
  for (let m = 1; m < 100_000; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((a + m2 - 1) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (a + b + m) * x) / ((a + m2) * (a + m2 + 1));
    d = 1 + aa * d;
    if (Math.abs(d) < tiny) d = tiny;
    c = 1 + aa / c;
    if (Math.abs(c) < tiny) c = tiny;
    d = 1 / d;
    const delta = d * c;
    h *= delta;
    if (Math.abs(delta - 1) < 1e-16) return h;
  }
  throw new RangeError(`regularizedIncompleteBeta: continued fraction did not converge for x = ${x}, a = ${a}, b = ${b}`);
}
