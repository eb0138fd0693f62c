// Per-cell vessel data for the transport solvers, from the rasterised capillaries:
// (W_O2, p_wall, W_drug, 0) with W the Peaceman exchange per tissue area (1/s).
import { wellTransmissibility, type VesselRaster } from '../../model/vessels.ts';

export interface VesselExchange {
  oxygenDiffusivityUm2PerS: number;
  /** Drug wall permeability (µm/s); the drug's exchange is P·2πR_c per unit vessel length. */
  drugPermeabilityUmPerS: number;
}

export function vesselField(cells: number, hMicrons: number, raster: VesselRaster, exchange: VesselExchange): Float32Array {
  const out = new Float32Array(cells * 4);
  const area = hMicrons * hMicrons;
  raster.cellIndex.forEach((c, n) => {
    const radius = raster.radiusMicrons[n];
    out[4 * c] = wellTransmissibility(exchange.oxygenDiffusivityUm2PerS, hMicrons, radius) / area;
    out[4 * c + 1] = raster.wallPO2MmHg[n];
    out[4 * c + 2] = (exchange.drugPermeabilityUmPerS * 2 * Math.PI * radius) / area;
  });
  return out;
}
