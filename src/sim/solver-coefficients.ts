// What the transport solvers take from a scenario's parameters, in their units (per second).
// The Simulation calls these at construction and again after a live parameter change, so both
// paths give the solvers the same numbers.
import type { Params } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import type { DrugCoefficients } from '../solvers/transport/drug.ts';
import type { OxygenOptions } from '../solvers/transport/oxygen.ts';

const SECONDS_PER_MINUTE = 60;

export type OxygenCoefficients = Pick<OxygenOptions, 'diffusivityUm2PerS' | 'maxUptakeMmHgPerS' | 'kmMmHg'>;

/** A vessels scenario's uptake block replaces the table's Michaelis–Menten uptake by a uniform one. */
export function oxygenCoefficients(scenario: Scenario): OxygenCoefficients {
  const p = scenario.parameters;
  return {
    diffusivityUm2PerS: p.oxygenDiffusivityUm2PerS,
    maxUptakeMmHgPerS: scenario.uptake?.uniformMmHgPerS ?? p.oxygenMaxUptakeMmHgPerS,
    kmMmHg: scenario.uptake ? 0 : p.oxygenUptakeKmMmHg,
  };
}

export function smacCoefficients(p: Params): DrugCoefficients {
  return perSecond(p.smacDiffusivityUm2PerS, p.smacDecayPerMin, p.smacPermeabilityUmPerMin);
}

export function softenerCoefficients(p: Params): DrugCoefficients {
  return perSecond(p.softenerDiffusivityUm2PerS, p.softenerDecayPerMin, p.softenerPermeabilityUmPerMin);
}

function perSecond(diffusivityUm2PerS: number, decayPerMin: number, permeabilityUmPerMin: number): DrugCoefficients {
  return { diffusivityUm2PerS, decayPerS: decayPerMin / SECONDS_PER_MINUTE, permeabilityUmPerS: permeabilityUmPerMin / SECONDS_PER_MINUTE };
}
