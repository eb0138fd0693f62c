// Per-cell vessel data for the transport solvers, from the vessels' footprints
// (model/vessel-exchange.ts): (W_O2, p_wall, W_smac, W_softener), the W in 1/s.
// A tissue cell c sums over the vessels v whose ring touches it:
//   W_O2 = Σ_v w_vc·T_v/h²,  T_v = 2πD_O2/ln(r_eq/Rc)            (wall held at p_wall)
//   W_drug = Σ_v w_vc·G_v/h², G_v = 2πRc·P/(1 + P·Rc·ln(r_eq/Rc)/D)  (each drug's own P and D)
//   p_wall = Σ_v w_vc·T_v·p_v / Σ_v w_vc·T_v                      (the T-weighted wall pO₂)
// so Σ_c W_c·h² over the grid is each vessel's T (or G): what a vessel delivers does not depend
// on where it sits in a cell. The oxygen kernel corrects T for the tissue's decay length from the
// (Rc, r_eq) that `vesselRings` gives each ring cell (shaders/transport/oxygen-coefficients.wgsl).
// A lumen cell (its centre inside a vessel) carries −LUMEN_HOLD_PER_S in each W slot and its
// vessel's wall pO₂: the kernels hold it at φ times the wall (or plasma) value and let nothing
// diffuse across its faces, since it is blood, not tissue.
import {
  permeableWallConductance,
  wallTransmissibility,
  type VesselExchange,
} from '../../model/vessel-exchange.ts';
import type { Vessel } from '../../model/vessels.ts';

/**
 * The reaction a lumen row gets (1/s): a·u = a·φ·u_wall with no face conductance. The smoother
 * solves such a row exactly whatever a is, so a is kept far below any tissue's reaction (decay,
 * uptake, 1/Δt): the multigrid's coarse levels average a over their children, and a large one
 * (D/h² is 10⁴ times a drug's α/Δt at 10 µm) would pin the coarse correction of every cell next
 * to a lumen and leave the cycle to the smoother (0.83 per V-cycle instead of reaching round-off
 * in four, measured on the default tissue's SMAC solve).
 */
export const LUMEN_HOLD_PER_S = 1e-6;

/** The vec4 slot each drug's exchange occupies. */
export const DRUG_SLOT = { smac: 2, softener: 3 } as const;
export type DrugSlot = keyof typeof DRUG_SLOT;

export interface WallCoefficients {
  diffusivityUm2PerS: number;
  permeabilityUmPerS: number;
}

export interface ExchangeCoefficients {
  oxygenDiffusivityUm2PerS: number;
  smac: WallCoefficients;
  softener: WallCoefficients;
}

export function vesselField(cells: number, hMicrons: number, vessels: readonly Vessel[], exchange: VesselExchange, k: ExchangeCoefficients): Float32Array {
  const out = new Float64Array(cells * 4);
  const area = hMicrons * hMicrons;
  const wallSum = new Float64Array(cells);
  vessels.forEach((v, n) => {
    const f = exchange.footprints[n];
    if (!f.cells.length) return;
    const Rc = v.radiusMicrons, rEq = f.equivalentRadiusMicrons;
    const T = wallTransmissibility(k.oxygenDiffusivityUm2PerS, rEq, Rc);
    const smac = permeableWallConductance(k.smac.permeabilityUmPerS, k.smac.diffusivityUm2PerS, rEq, Rc);
    const softener = permeableWallConductance(k.softener.permeabilityUmPerS, k.softener.diffusivityUm2PerS, rEq, Rc);
    f.cells.forEach((c, m) => {
      const w = f.weights[m] / area;
      out[4 * c] += w * T;
      wallSum[c] += w * T * v.wallPO2MmHg;
      out[4 * c + 2] += w * smac;
      out[4 * c + 3] += w * softener;
    });
  });
  for (let c = 0; c < cells; c++) if (out[4 * c] > 0) out[4 * c + 1] = wallSum[c] / out[4 * c];
  exchange.lumenCell.forEach((c, m) => {
    out[4 * c] = -LUMEN_HOLD_PER_S;
    out[4 * c + 1] = vessels[exchange.lumenVessel[m]].wallPO2MmHg;
    out[4 * c + 2] = -LUMEN_HOLD_PER_S;
    out[4 * c + 3] = -LUMEN_HOLD_PER_S;
  });
  return Float32Array.from(out);
}

/**
 * Per cell, (Rc, r_eq) in µm of the vessel with the largest share w_vc·T_v of the cell's oxygen
 * exchange; (0, 0) off every ring. Where rings overlap the dominant vessel's radii stand for all:
 * the correction depends on them only through Rc/L and r_eq/L, alike for neighbouring capillaries.
 */
export function vesselRings(cells: number, vessels: readonly Vessel[], exchange: VesselExchange): Float32Array {
  const out = new Float32Array(cells * 2);
  const best = new Float64Array(cells);
  vessels.forEach((v, n) => {
    const f = exchange.footprints[n];
    if (!f.cells.length) return;
    const Rc = v.radiusMicrons, rEq = f.equivalentRadiusMicrons;
    const T = wallTransmissibility(1, rEq, Rc);
    f.cells.forEach((c, m) => {
      if (f.weights[m] * T <= best[c]) return;
      best[c] = f.weights[m] * T;
      out[2 * c] = Rc;
      out[2 * c + 1] = rEq;
    });
  });
  return out;
}
