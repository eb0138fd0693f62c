// Per-cell vessel data for the transport solvers, from the rasterised capillaries:
// (W_O2, p_wall, S, 0): W_O2 the Peaceman exchange per tissue area (1/s), S = 2πR_c/h² the
// vessel wall area per tissue volume (1/µm), which each drug scales by its own permeability.
import { wellTransmissibility, type VesselRaster } from '../../model/vessels.ts';

export function vesselField(cells: number, hMicrons: number, raster: VesselRaster, oxygenDiffusivityUm2PerS: number): Float32Array {
  const out = new Float32Array(cells * 4);
  const area = hMicrons * hMicrons;
  raster.cellIndex.forEach((c, n) => {
    const radius = raster.radiusMicrons[n];
    out[4 * c] = wellTransmissibility(oxygenDiffusivityUm2PerS, hMicrons, radius) / area;
    out[4 * c + 1] = raster.wallPO2MmHg[n];
    out[4 * c + 2] = (2 * Math.PI * radius) / area;
  });
  return out;
}
