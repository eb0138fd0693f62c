// Reference values from SciPy 1.17 (stats.fisher_exact, chi2.sf, chisquare), which follows R's
// fisher.test in counting tables tied with the observed one.
import { describe, expect, it } from 'vitest';
import {
  binomialStandardError,
  chiSquareGoodnessOfFit,
  chiSquareSurvival,
  fisherExact2x2,
  logGamma,
  mean,
  meanConfidenceInterval,
  regularizedGammaQ,
  regularizedIncompleteBeta,
  sampleStandardDeviation,
  standardError,
  studentTCdf,
  studentTQuantile,
} from '../../src/model/stats.ts';

describe('fisherExact2x2', () => {
  it.each([
    // [events a, non-events b] in group 1 vs [c, d] in group 2
    [0, 15, 5, 10, 0.04214559386973179], // 0/15 vs 5/15
    [0, 15, 4, 11, 0.09961685823754791], // 0/15 vs 4/15
    [3, 7, 7, 3, 0.1788954079975752], // 3/10 vs 7/10
    [1, 9, 11, 3, 0.0027594561852200836],
    [10, 2, 3, 15, 0.0005367241191434357],
  ])('[[%i, %i], [%i, %i]] → p = %f', (a, b, c, d, p) => {
    expect(fisherExact2x2(a, b, c, d).pTwoSided).toBeCloseTo(p, 12);
  });

  it('is the same for swapped groups, swapped outcomes and the transposed table', () => {
    const p = fisherExact2x2(1, 9, 11, 3).pTwoSided;
    expect(fisherExact2x2(11, 3, 1, 9).pTwoSided).toBeCloseTo(p, 14);
    expect(fisherExact2x2(9, 1, 3, 11).pTwoSided).toBeCloseTo(p, 14);
    expect(fisherExact2x2(1, 11, 9, 3).pTwoSided).toBeCloseTo(p, 14);
  });

  it('gives 1 for identical groups, including the tables tied with the observed one', () => {
    expect(fisherExact2x2(5, 5, 5, 5).pTwoSided).toBe(1);
    expect(fisherExact2x2(0, 10, 0, 10).pTwoSided).toBe(1);
  });

  it('stays finite where the binomial coefficients overflow a double', () => {
    const { pTwoSided } = fisherExact2x2(600, 1400, 700, 1300);
    expect(pTwoSided / 0.000828345026028426).toBeCloseTo(1, 8);
  });

  it('refuses something that is not a count', () => {
    expect(() => fisherExact2x2(1.5, 2, 3, 4)).toThrow(/a = 1.5/);
    expect(() => fisherExact2x2(1, -2, 3, 4)).toThrow(/b = -2/);
  });
});

describe('chi-square', () => {
  it.each([
    [3.84, 1, 0.05004352124870519],
    [3.841458820694124, 1, 0.05],
    [11.07, 5, 0.050009618622405425],
    [11.070497693516351, 5, 0.05],
    [0.5, 3, 0.9188914116546758],
    [40, 30, 0.10486428110798468],
    [1e-3, 4, 0.9999998750416589],
  ])('P(χ² ≥ %f | dof %i) = %f', (x, dof, p) => {
    expect(chiSquareSurvival(x, dof)).toBeCloseTo(p, 12);
  });

  it('keeps relative precision far in the tail', () => {
    expect(chiSquareSurvival(100, 10) / 5.4497019829205215e-17).toBeCloseTo(1, 10);
  });

  it('matches the closed forms Q(1, x) = e^−x and χ²(2) tail = e^(−x/2)', () => {
    for (const x of [0.01, 0.7, 1.9, 2.1, 15]) {
      expect(regularizedGammaQ(1, x) / Math.exp(-x)).toBeCloseTo(1, 13);
      expect(chiSquareSurvival(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 13);
    }
  });

  it('logGamma matches factorials and Γ(1/2) = √π', () => {
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 13);
  });

  it('tests goodness of fit, scaling proportions to the observed total', () => {
    // A die rolled 60 times: χ² = 13.4 on 5 degrees of freedom.
    const counts = chiSquareGoodnessOfFit([5, 8, 9, 8, 10, 20], [10, 10, 10, 10, 10, 10]);
    const shares = chiSquareGoodnessOfFit([5, 8, 9, 8, 10, 20], [1, 1, 1, 1, 1, 1]);
    expect(counts.statistic).toBeCloseTo(13.4, 12);
    expect(counts.dof).toBe(5);
    expect(counts.p).toBeCloseTo(0.01990522033477438, 12);
    expect(shares).toEqual(counts);
    expect(chiSquareGoodnessOfFit([5, 8, 9, 8, 10, 20], Array(6).fill(10), 1).dof).toBe(4);
  });

  it('refuses mismatched or empty categories', () => {
    expect(() => chiSquareGoodnessOfFit([1, 2], [1])).toThrow(/2 observed categories but 1 expected/);
    expect(() => chiSquareGoodnessOfFit([1, 2], [1, 0])).toThrow(/expected\[1\] = 0/);
    expect(() => chiSquareGoodnessOfFit([3], [3])).toThrow(/0 degrees of freedom/);
  });
});

describe('mean and standard errors', () => {
  it('computes the mean and the standard error of the mean', () => {
    expect(mean([1, 2, 3, 4])).toBe(2.5);
    // sample sd of 1..4 is √(5/3); SE = √(5/3)/2
    expect(standardError([1, 2, 3, 4])).toBeCloseTo(Math.sqrt(5 / 3) / 2, 15);
    expect(() => mean([])).toThrow(/no values/);
    expect(() => standardError([1])).toThrow(/at least 2/);
  });

  it('gives the binomial standard error √(p(1−p)/n)', () => {
    expect(binomialStandardError(0.5, 100)).toBeCloseTo(0.05, 15);
    expect(binomialStandardError(0, 10)).toBe(0);
    expect(() => binomialStandardError(1.2, 10)).toThrow(/p = 1.2/);
  });
});

describe("Student's t", () => {
  it.each([
    // the two-sided 95 % critical values of every t table
    [0.975, 1, 12.706204736174694],
    [0.975, 2, 4.302652729749462],
    [0.975, 3, 3.1824463052837078],
    [0.975, 4, 2.7764451051977934],
    [0.975, 10, 2.228138851986274],
    [0.975, 30, 2.0422724563012378],
    [0.975, 1000, 1.9623390808264083],
    [0.995, 5, 4.032142983555228],
    [0.9, 7, 1.4149239276505086],
    [0.6, 3, 0.2766706623326898],
    [0.999, 2.5, 13.82219311086596],
  ])('t(%f, dof %f) = %f', (p, dof, t) => {
    expect(studentTQuantile(p, dof) / t).toBeCloseTo(1, 12);
  });

  it('tends to the normal quantile 1.959964 for many degrees of freedom', () => {
    expect(studentTQuantile(0.975, 1e6) / 1.959966356814107).toBeCloseTo(1, 9);
    expect(studentTQuantile(0.975, 1e8)).toBeCloseTo(1.959963984540054, 6);
  });

  it('is odd about p = ½ and keeps precision far in the tail', () => {
    expect(studentTQuantile(0.5, 3)).toBe(0);
    expect(studentTQuantile(0.025, 4)).toBe(-studentTQuantile(0.975, 4));
    // dof 1 is the Cauchy distribution: t = tan(π(p − ½))
    expect(studentTQuantile(0.9999999, 1) / Math.tan(Math.PI * (0.9999999 - 0.5))).toBeCloseTo(1, 8);
  });

  it('has a CDF that the quantile inverts', () => {
    expect(studentTCdf(2, 3)).toBeCloseTo(0.9303370157205785, 14);
    expect(studentTCdf(-1.5, 7)).toBeCloseTo(0.088649243494985, 14);
    expect(studentTCdf(10, 2)).toBeCloseTo(0.9950737714883372, 14);
    for (const dof of [1, 2.5, 9, 120]) {
      for (const p of [0.01, 0.3, 0.9, 0.975]) expect(studentTCdf(studentTQuantile(p, dof), dof)).toBeCloseTo(p, 13);
    }
  });

  it('refuses p outside (0, 1) and dof ≤ 0', () => {
    expect(() => studentTQuantile(1, 3)).toThrow(/p = 1/);
    expect(() => studentTQuantile(0.975, 0)).toThrow(/dof = 0/);
  });
});

describe('regularizedIncompleteBeta', () => {
  it.each([
    [0.3, 2, 3, 0.3483], // closed form: a polynomial for integer a, b
    [0.9, 0.5, 0.5, 0.7951672353008665], // (2/π)·asin(√x)
    [0.01, 5, 0.5, 2.4712578086395438e-11],
    [0.5, 50, 60, 0.8309072939016693],
  ])('I_%f(%f, %f) = %f', (x, a, b, value) => {
    expect(regularizedIncompleteBeta(x, a, b) / value).toBeCloseTo(1, 12);
  });

  it('is 0 and 1 at the ends and refuses x outside [0, 1]', () => {
    expect(regularizedIncompleteBeta(0, 2, 3)).toBe(0);
    expect(regularizedIncompleteBeta(1, 2, 3)).toBe(1);
    expect(() => regularizedIncompleteBeta(1.5, 2, 3)).toThrow(/x = 1.5/);
  });
});

describe('meanConfidenceInterval', () => {
  it('is mean ± t(0.975, n − 1)·sd/√n', () => {
    // 2, 4, 9: mean 5, sd √13, half-width 4.302652729749462·√13/√3
    const ci = meanConfidenceInterval([2, 4, 9]);
    const half = (4.302652729749462 * Math.sqrt(13)) / Math.sqrt(3);
    expect(ci.n).toBe(3);
    expect(ci.mean).toBe(5);
    expect(ci.sd).toBeCloseTo(Math.sqrt(13), 14);
    expect(ci.low).toBeCloseTo(5 - half, 12);
    expect(ci.high).toBeCloseTo(5 + half, 12);
    expect(sampleStandardDeviation([2, 4, 9])).toBeCloseTo(Math.sqrt(13), 14);
  });

  it('gives no interval for one value and refuses none', () => {
    expect(meanConfidenceInterval([7])).toEqual({ n: 1, mean: 7, sd: null, low: null, high: null });
    expect(() => meanConfidenceInterval([])).toThrow(/no values/);
    expect(() => meanConfidenceInterval([1, 2], 1)).toThrow(/level = 1/);
  });
});
