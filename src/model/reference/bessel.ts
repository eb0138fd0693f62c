// Modified Bessel functions of order 0 and 1 for x > 0, by the polynomial approximations of
// Abramowitz & Stegun 9.8.1–9.8.8 (relative accuracy about 1e-7 or better). They give the
// closed forms of a vessel in a medium with first-order decay: C(r) ∝ K0(r/L), L = √(D/λ).

/** I0(x), |x| ≤ 3.75 (A&S 9.8.1, |ε| < 1.6e-7). */
export function besselI0(x: number): number {
  if (Math.abs(x) > 3.75) throw new RangeError(`besselI0: |x| = ${Math.abs(x)} > 3.75`);
  const t = (x / 3.75) ** 2;
  return 1 + t * (3.5156229 + t * (3.0899424 + t * (1.2067492 + t * (0.2659732 + t * (0.0360768 + t * 0.0045813)))));
}

/** I1(x), |x| ≤ 3.75 (A&S 9.8.3, |ε/x| < 8e-9). */
export function besselI1(x: number): number {
  if (Math.abs(x) > 3.75) throw new RangeError(`besselI1: |x| = ${Math.abs(x)} > 3.75`);
  const t = (x / 3.75) ** 2;
  return x * (0.5 + t * (0.87890594 + t * (0.51498869 + t * (0.15084934 + t * (0.02658733 + t * (0.00301532 + t * 0.00032411))))));
}

/** K0(x), x > 0 (A&S 9.8.5 for x ≤ 2, |ε| < 1e-8; 9.8.6 beyond, |ε| < 1.9e-7 of x^½eˣK0). */
export function besselK0(x: number): number {
  if (!(x > 0)) throw new RangeError(`besselK0: x = ${x} must be positive`);
  if (x <= 2) {
    const t = (x / 2) ** 2;
    return -Math.log(x / 2) * besselI0(x) - 0.57721566 +
      t * (0.4227842 + t * (0.23069756 + t * (0.0348859 + t * (0.00262698 + t * (0.0001075 + t * 0.0000074)))));
  }
  const y = 2 / x;
  return (Math.exp(-x) / Math.sqrt(x)) *
    (1.25331414 + y * (-0.07832358 + y * (0.02189568 + y * (-0.01062446 + y * (0.00587872 + y * (-0.0025154 + y * 0.00053208))))));
}

/** K1(x), x > 0 (A&S 9.8.7 for x ≤ 2, |ε| < 8e-9 of x·K1; 9.8.8 beyond, |ε| < 2.2e-7 of x^½eˣK1). */
export function besselK1(x: number): number {
  if (!(x > 0)) throw new RangeError(`besselK1: x = ${x} must be positive`);
  if (x <= 2) {
    const t = (x / 2) ** 2;
    return (x * Math.log(x / 2) * besselI1(x) + 1 +
      t * (0.15443144 + t * (-0.67278579 + t * (-0.18156897 + t * (-0.01919402 + t * (-0.00110404 + t * -0.00004686)))))) / x;
  }
  const y = 2 / x;
  return (Math.exp(-x) / Math.sqrt(x)) *
    (1.25331414 + y * (0.23498619 + y * (-0.0365562 + y * (0.01504268 + y * (-0.00780353 + y * (0.00325614 + y * -0.00068245))))));
}
