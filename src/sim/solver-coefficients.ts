// What the transport solvers take from a scenario's parameters, in their units (per second).
// The Simulation calls these at construction and again after a live parameter change, so both
// paths give the solvers the same numbers.
import type { Params } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import type { DrugCoefficients } from '../solvers/transport/drug.ts';
import type { OxygenCoefficients } from '../solvers/transport/oxygen.ts';
import type { ExchangeCoefficients } from '../solvers/transport/vessel-field.ts';

const SECONDS_PER_MINUTE = 60;

/** A vessels scenario's uptake block replaces the table's Michaelis–Menten uptake by a uniform one. */
export function oxygenCoefficients(scenario: Scenario): OxygenCoefficients {
  const p = scenario.parameters;
  return {
    diffusivityUm2PerS: p.oxygenDiffusivityUm2PerS,
    maxUptakeMmHgPerS: scenario.uptake?.uniformMmHgPerS ?? p.oxygenMaxUptakeMmHgPerS,
    kmMmHg: scenario.uptake ? 0 : p.oxygenUptakeKmMmHg,
    nusselt: p.capillaryOxygenNusselt,
  };
}

export function smacCoefficients(p: Params): DrugCoefficients {
  return { diffusivityUm2PerS: p.smacDiffusivityUm2PerS, decayPerS: p.smacDecayPerMin / SECONDS_PER_MINUTE };
}

export function softenerCoefficients(p: Params): DrugCoefficients {
  return { diffusivityUm2PerS: p.softenerDiffusivityUm2PerS, decayPerS: p.softenerDecayPerMin / SECONDS_PER_MINUTE };
}

/** What the vessels' exchange with tissue reads (vessel-field.ts): every diffusivity and wall permeability. */
export function exchangeCoefficients(p: Params): ExchangeCoefficients {
  return {
    oxygenDiffusivityUm2PerS: p.oxygenDiffusivityUm2PerS,
    smac: { diffusivityUm2PerS: p.smacDiffusivityUm2PerS, permeabilityUmPerS: p.smacPermeabilityUmPerMin / SECONDS_PER_MINUTE },
    softener: { diffusivityUm2PerS: p.softenerDiffusivityUm2PerS, permeabilityUmPerS: p.softenerPermeabilityUmPerMin / SECONDS_PER_MINUTE },
  };
}
