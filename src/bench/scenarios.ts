// The seeded scenarios the benchmarks time. Each is the shipped default (seed 1) or a dish
// assay, grown or packed to the size asked for, so a size means the same tissue on every run.
import { DEFAULT_SCENARIO_JSON, parseScenario, type Scenario } from '../model/scenario.ts';

type Physics = Partial<Record<'oxygen' | 'smac' | 'softener' | 'mechanics' | 'perfusion' | 'cells', boolean>>;

const NO_PHYSICS = { oxygen: false, smac: false, softener: false, mechanics: false, perfusion: false, cells: false };

/**
 * The default tumour (900 µm) in more tissue of the same 10 µm cells on an n² grid, for the field
 * solves; smoke sizes below 256² shrink the tumour and its stroma rim to fit.
 */
export function solveScenario(n: number, physics: Physics): Scenario {
  const shrink = Math.min(1, n / 256);
  return parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    name: `bench-solve-${n}`,
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: n, ny: n,
      tumourRadiusMicrons: 900 * shrink, stromaWidthMicrons: 300 * shrink,
    },
    physics: { ...NO_PHYSICS, ...physics },
  }, `bench-solve-${n}`);
}

/**
 * The default scenario, every physics on, with the tumour's radius grown in proportion to the
 * grid (10 µm cells): cancer cells scale with grid cells, about 10⁴ at 256² and 6×10⁵ at 2048².
 */
export function defaultStepScenario(n: number): Scenario {
  const scale = n / 256;
  return parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    name: `bench-default-${n}`,
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: n, ny: n,
      tumourRadiusMicrons: 900 * scale, stromaWidthMicrons: 300 * Math.min(1, scale),
    },
  }, `bench-default-${n}`);
}

/** Cells moving in a dish (no NK, no division) on a fixed 256² grid, so the agents dominate. */
export function dishScenario(cells: number): Scenario {
  return parseScenario({
    name: `bench-dish-${cells}`, kind: 'assay', seed: 1,
    parameters: { nx: 256, ny: 256, dxMicrons: 10, dtMinutes: 10, durationDays: 1, metricsIntervalMinutes: 10080 },
    assay: { type: 'nk-coculture', targetsPerGroup: cells / 2, nkPerTarget: 0 },
  });
}

/** The default tumour on a 1024² grid of 15 µm cells, packed to about 10⁶ cells (the scale test's load). */
export function largeDefaultScenario(): Scenario {
  return parseScenario({
    ...DEFAULT_SCENARIO_JSON, name: 'bench-default-1024',
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: 1024, ny: 1024, dxMicrons: 15, tumourRadiusMicrons: 7000,
      stromaWidthMicrons: 300, carryingCapacityCellsPerMm2: 6500, initialDensityFraction: 1, metricsIntervalMinutes: 10080,
    },
  });
}

/**
 * The default tumour grown with the grid (as defaultStepScenario), both drugs from day 0 so every
 * kernel runs, lasting `steps` steps: what the soak runs (metrics at the table's interval unless given).
 */
export function soakScenario(n: number, steps: number, metricsIntervalMinutes?: number): Scenario {
  const grown = defaultStepScenario(n).parameters;
  return parseScenario({
    ...DEFAULT_SCENARIO_JSON,
    name: `soak-${n}`,
    parameters: {
      ...DEFAULT_SCENARIO_JSON.parameters, nx: n, ny: n, tumourRadiusMicrons: grown.tumourRadiusMicrons, stromaWidthMicrons: grown.stromaWidthMicrons,
      durationDays: (steps * grown.dtMinutes) / 1440, smacDoseNM: 200, smacFirstDoseDay: 0, softenerDoseRelative: 1,
      ...(metricsIntervalMinutes !== undefined ? { metricsIntervalMinutes } : {}),
    },
  }, `soak-${n}`);
}
