// Summaries of repeated timings and the scaling exponents fitted to them (pure, no GPU).

export interface Spread {
  medianMs: number;
  minMs: number;
  maxMs: number;
  /** Interquartile range (third quartile − first), linear interpolation between samples. */
  iqrMs: number;
}

/** The q-quantile (0…1) of `values`, interpolating linearly between order statistics. */
export function quantile(values: readonly number[], q: number): number {
  if (values.length === 0) throw new Error('quantile of no values');
  const s = [...values].sort((a, b) => a - b);
  const at = q * (s.length - 1);
  const lo = Math.floor(at), hi = Math.ceil(at);
  return s[lo]! + (s[hi]! - s[lo]!) * (at - lo);
}

export function median(values: readonly number[]): number {
  return quantile(values, 0.5);
}

export function spread(ms: readonly number[]): Spread {
  return {
    medianMs: median(ms),
    minMs: Math.min(...ms),
    maxMs: Math.max(...ms),
    iqrMs: quantile(ms, 0.75) - quantile(ms, 0.25),
  };
}

/** Least-squares slope of log(time) against log(size). */
export function fittedExponent(sizes: readonly number[], times: readonly number[]): number {
  const x = sizes.map(Math.log), y = times.map(Math.log);
  const mx = x.reduce((a, b) => a + b) / x.length, my = y.reduce((a, b) => a + b) / y.length;
  let sxy = 0, sxx = 0;
  x.forEach((xi, i) => { sxy += (xi - mx) * (y[i]! - my); sxx += (xi - mx) ** 2; });
  return sxy / sxx;
}

/**
 * The two-point exponent between the middle pair of sizes (512² → 1024² of 256²…2048²): the
 * ends are the least trustworthy, small sizes being overhead-bound and large ones cache-bound.
 */
export function middleIndices(count: number): [number, number] | undefined {
  if (count < 2) return undefined;
  const lo = Math.floor((count - 1) / 2);
  return [lo, lo + 1];
}
