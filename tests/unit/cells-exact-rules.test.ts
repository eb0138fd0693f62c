// The closed forms the cell step integrates with (src/cells/rules.ts, walk.ts), against brute
// force: hazards integrated over a step by fine quadrature, and the substepped random walk
// against the continuous walk's mean squared displacement.
import { describe, expect, it } from 'vitest';
import { cellParamValues, TISSUE_SETTING } from '../../src/cells/cell-params.ts';
import { eventTime, iapAt, iapCourse, iapLife, lifeIapAt, lifeProtectedTime, motilityAt, motilityTime, passageLevel, protectedTime, relaxingTime, squeezedMotility } from '../../src/cells/rules.ts';
import { persistentWalkMsd, substeppedWalkMsd, walkIntegration } from '../../src/cells/walk.ts';
import { defaultParams, type Params } from '../../src/model/params.ts';

function ruleParams(overrides: Partial<Params> = {}) {
  return cellParamValues({ ...defaultParams(), ...overrides }, TISSUE_SETTING, {
    nx: 8, ny: 8, hMicrons: 10, capacity: 0, seed: 1, step: 0, plasmaSmacNM: 0, nkCount: 0,
  });
}

/** Composite Simpson's rule with n (even) panels. */
function simpson(f: (t: number) => number, a: number, b: number, n = 20000): number {
  const h = (b - a) / n;
  let sum = f(a) + f(b);
  for (let k = 1; k < n; k++) sum += (k % 2 ? 4 : 2) * f(a + k * h);
  return (sum * h) / 3;
}

describe('hazards integrated exactly over a step', () => {
  // Courses that stay protected, lose their protection mid-step (SMAC), or start below baseline.
  const cases = [
    { name: 'relaxing after a squeeze', iap: 4, effect: 0, relaxDays: 1 },
    { name: 'fast relaxation', iap: 8, effect: 0, relaxDays: 0.05 },
    { name: 'SMAC takes the protection away mid-step', iap: 2, effect: 0.9, relaxDays: 1 },
    { name: 'below baseline, recovering', iap: 0.3, effect: 0, relaxDays: 0.2 },
    { name: 'below baseline under SMAC', iap: 0.5, effect: 0.5, relaxDays: 0.2 },
    { name: 'rising toward a hypoxic level', iap: 1, effect: 0, relaxDays: 0.5, base: 2.5 },
    { name: 'rising toward a hypoxic level under SMAC', iap: 1.2, effect: 0.7, relaxDays: 0.5, base: 3 },
  ];
  for (const c of cases) {
    it(`protected time matches quadrature: ${c.name}`, () => {
      const p = ruleParams({ iapRelaxationDays: c.relaxDays, smacDegradationPerHour: 5 });
      const course = iapCourse(c.iap, c.effect, 0, c.base ?? 1, p.iap_relax, p.smac_degradation);
      for (const s of [0, 1.5, 8]) {
        for (const [t0, t1] of [[0, 10], [0, 240], [30, 240], [0, 5000]]) {
          const exact = simpson((t) => 1 / (1 + s * Math.max(iapAt(course, t) * (1 - c.effect) - 1, 0)), t0, t1);
          expect(protectedTime(course, s, t0, t1)).toBeCloseTo(exact, 6 - Math.ceil(Math.log10(t1)));
        }
      }
    });
  }

  // Held then relaxing: the lapse falls inside, before or after the interval; with the drug it
  // comes 1 + κ·E times sooner.
  const lives = [
    { name: 'rising after a squeeze, lapsing mid-interval', iap: 1, effect: 0, hold: 600 },
    { name: 'held, the drug ageing the stabilisation', iap: 2, effect: 0.6, hold: 3000 },
    { name: 'stabilisation already over', iap: 1.8, effect: 0, hold: 0 },
    { name: 'held through the interval', iap: 1.4, effect: 0, hold: 1e5 },
  ];
  for (const c of lives) {
    it(`protected time matches quadrature across the lapse: ${c.name}`, () => {
      const p = ruleParams({ smacDegradationPerHour: 0.5 });
      const life = iapLife(p, c.iap, c.effect, 0, c.hold, 2);
      for (const s of [0, 1.5, 8]) {
        for (const [t0, t1] of [[0, 240], [100, 900], [0, 5000]]) {
          const exact = simpson((t) => 1 / (1 + s * Math.max(lifeIapAt(life, t) * (1 - c.effect) - 1, 0)), t0, t1, 200000);
          expect(lifeProtectedTime(life, s, t0, t1)).toBeCloseTo(exact, 5 - Math.ceil(Math.log10(t1)));
        }
      }
    });
  }

  it('a passage raises IAP over hours, holds it for T_s, then relaxes it with τ_I', () => {
    const p = ruleParams();
    const life = iapLife(p, 1, 0, 0, p.iap_hold, passageLevel(p, 1));
    const f = p.iap_factor;
    expect(lifeIapAt(life, p.iap_rise)).toBeCloseTo(f - (f - 1) / Math.E, 10);
    expect(lifeIapAt(life, p.iap_hold - 1)).toBeCloseTo(f, 6);
    expect(lifeIapAt(life, p.iap_hold + p.iap_relax) - 1).toBeCloseTo((f - 1) / Math.E, 6);
    // At full effect the drug's clock runs 1 + κ times as fast.
    expect(iapLife(p, 1, 1, 0, p.iap_hold, f).lapse).toBeCloseTo(p.iap_hold / (1 + p.smac_hold_ageing), 10);
    // f_CM per passage up to max_passages passages' worth.
    expect(passageLevel(p, 3)).toBe(f);
    expect(passageLevel(ruleParams({ squeezeMaxPassages: 3 }), 2)).toBe(f * f);
  });

  // The series that replace (e^y − 1)/y and ln(1 + z)/z below 0.1 are cut at f32 precision (a
  // relative 1e-8 at worst), which is what the GPU computes in; f64 sees that cut.
  it('relaxing time stays exact as the decay rate or the asymptote go to zero', () => {
    for (const [p0, c, rate, len] of [[5, 1e-9, 0.01, 100], [5, 3, 1e-9, 100], [9, 0.2, 1e-4, 240], [9, 4, 0.5, 240], [1.5, -0.3, 0.01, 20]]) {
      const exact = simpson((t) => 1 / (c + (p0 - c) * Math.exp(-rate * t)), 0, len);
      expect(Math.abs(relaxingTime(p0, c, rate, len) - exact) / exact).toBeLessThan(3e-8);
    }
  });

  it('the speed gain integrates exactly, relaxing to 1 or rising toward a hypoxic gain', () => {
    const p = ruleParams();
    for (const [m, base] of [[3, 1], [1, 1.8], [1.5, 1.8]]) {
      const exact = simpson((t) => motilityAt(p, m, -60, t, base), 20, 260);
      expect(motilityTime(p, m, -60, 20, 260, base)).toBeCloseTo(exact, 8);
    }
  });

  it('IAP settles at the hypoxic level without the drug, and below it with the drug', () => {
    const p = ruleParams({ iapRelaxationDays: 0.5, smacDegradationPerHour: 0.08 });
    // No hold left: one phase relaxing toward the hypoxic level.
    expect(lifeIapAt(iapLife(p, 1, 0, 0, 0, 1, 2.5), 1e6)).toBeCloseTo(2.5, 10);
    // dI/dt = −(I − b)/τ − k·E·I = 0 at I = b/(1 + k·E·τ).
    const settled = 2.5 / (1 + p.smac_degradation * 0.5 * p.iap_relax);
    expect(lifeIapAt(iapLife(p, 1, 0.5, 0, 0, 1, 2.5), 1e6)).toBeCloseTo(settled, 10);
  });

  it('survival over three days does not depend on how they are cut into steps', () => {
    // A squeezed cell under a drug whose clock ages its stabilisation: restarted each step from
    // its I and clock then, as the step does.
    const p = ruleParams({ iapRelaxationDays: 0.3, iapHoldDays: 1 });
    const effect = 0.2;
    const hazard = (dt: number) => {
      let total = 0;
      let iap = 1, clock = 0;
      for (let t = 0; t < 3 * 1440; t += dt) {
        const life = iapLife(p, iap, effect, 0, p.iap_hold - clock, passageLevel(p, 1));
        total += p.anoikis_rate * lifeProtectedTime(life, p.iap_protection, 0, dt);
        iap = lifeIapAt(life, dt);
        clock += (1 + p.smac_hold_ageing * effect) * dt;
      }
      return total;
    };
    const reference = hazard(10);
    for (const dt of [60, 240, 1440]) expect(Math.abs(hazard(dt) / reference - 1)).toBeLessThan(3e-8);
  });

  it('event times follow the conditional law of a constant hazard', () => {
    // P(T ≤ s | T ≤ len) = (1 − e^(−H·s/len))/(1 − e^(−H)): the median event time solves it at 1/2.
    const H = 2, len = 240;
    const median = eventTime(H, 0.5, len);
    expect((1 - Math.exp((-H * median) / len)) / (1 - Math.exp(-H))).toBeCloseTo(0.5, 12);
    expect(eventTime(0, 0.25, len)).toBe(60);
  });
});

describe('the substepped random walk', () => {
  it('takes substeps of at most τ_p/8 and at most 64 a step', () => {
    expect(walkIntegration(10, 60).steps).toBe(2);
    expect(walkIntegration(60, 60).steps).toBe(8);
    expect(walkIntegration(240, 60).steps).toBe(32);
    expect(walkIntegration(240, 1).steps).toBe(64);
  });

  it('matches the continuous walk within 2 % at 1 h, 4 h and 24 h for dt = 10, 60 and 240 min', () => {
    const v = 0.3, tau = 60;
    const rows: string[] = [];
    for (const dt of [10, 60, 240]) {
      const w = walkIntegration(dt, tau);
      for (const hours of [1, 4, 24]) {
        const t = hours * 60;
        if (t % dt !== 0) continue;
        const ratio = substeppedWalkMsd(v, w, tau, Math.round(t / w.substep)) / persistentWalkMsd(v, tau, t);
        rows.push(`dt ${dt} t ${hours} h: ${ratio.toFixed(4)}`);
        expect(Math.abs(ratio - 1), rows.at(-1)).toBeLessThan(0.02);
      }
    }
  });

  it('keeps the long-time diffusivity exact when the substep is capped', () => {
    const v = 0.3, tau = 1, dt = 240;
    const w = walkIntegration(dt, tau);
    expect(w.substep).toBeGreaterThan(tau);
    const t = 100 * 1440;
    expect(substeppedWalkMsd(v, w, tau, Math.round(t / w.substep)) / persistentWalkMsd(v, tau, t)).toBeCloseTo(1, 3);
  });
});

describe('a confined passage', () => {
  it('tops the speed gain up to one passage\'s level by default, never lowers it, and stacks up to the cap when asked', () => {
    const one = ruleParams();
    expect(squeezedMotility(one, 1)).toBe(1.5);
    expect(squeezedMotility(one, 1.2)).toBe(1.5);
    // A cell raised above one passage's level (hypoxia's route, or the stacking rule) keeps it.
    expect(squeezedMotility(one, 1.7)).toBe(1.7);
    const three = ruleParams({ squeezeMaxPassages: 3 });
    expect(squeezedMotility(three, 1.5)).toBe(2.25);
    expect(squeezedMotility(three, 3)).toBe(3.375);
  });
});
