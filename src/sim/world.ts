// The initial state of a scenario on its grid, built on the CPU: where the tumour, its stroma
// and the capillaries are, and each cell's material. Pure TypeScript (no GPU), seeded.
import type { Scenario } from '../model/scenario.ts';
import { rasteriseVessels, vesselsOf, type Vessel, type VesselRaster } from '../model/vessels.ts';
import { vesselExchange, type VesselExchange } from '../model/vessel-exchange.ts';

export interface World {
  nx: number;
  ny: number;
  hMicrons: number;
  /** Cell density relative to the full density, 0–1. */
  density: Float32Array;
  /** Desmoplastic stroma, 0–1: where the softening agent acts. */
  stroma: Float32Array;
  /**
   * Young's modulus of the host tissue and stroma before any softening (kPa), and Poisson ratio;
   * a running simulation replaces them (materialOf) when live parameters change.
   */
  baseE: Float32Array;
  nu: Float32Array;
  vessels: Vessel[];
  /** The cells the vessels cover (each one's centre cell and the cells inside it), for readers and views. */
  raster: VesselRaster;
  /** How each vessel exchanges with the tissue: its ring footprint, its centre cell, the lumen cells. */
  exchange: VesselExchange;
  /** Oxygen uptake scale per cell for the vessels kind's uniform uptake (else = density). */
  uptake: Float32Array;
}

export function buildWorld(scenario: Scenario): World {
  const p = scenario.parameters;
  const nx = p.nx, ny = p.ny, h = p.dxMicrons;
  const cells = nx * ny;
  const density = new Float32Array(cells);
  const stroma = new Float32Array(cells);
  if (scenario.kind === 'tissue' && !scenario.inclusion) {
    const r = distanceFromCentre(p);
    const R = p.tumourRadiusMicrons;
    for (let c = 0; c < cells; c++) {
      // A rim one cell wide keeps the tumour edge from being a pure staircase.
      density[c] = clamp01((R - r[c]) / h + 0.5);
      stroma[c] = inStroma(p, r[c]) ? 1 : 0;
    }
  }
  const vessels = scenario.physics.oxygen || scenario.physics.smac || scenario.physics.softener ? vesselsOf(scenario) : [];
  const raster = rasteriseVessels({ nx, ny, dxMicrons: h }, vessels);
  const exchange = vesselExchange({ nx, ny, dxMicrons: h }, vessels);
  const uptake = scenario.uptake ? uniformUptake(scenario, { nx, ny, hMicrons: h }, vessels, exchange) : density;
  return { nx, ny, hMicrons: h, density, stroma, ...materialOf(scenario), vessels, raster, exchange, uptake };
}

/**
 * Each cell's Young's modulus before softening (kPa) and Poisson ratio. Apart from the tissue's
 * geometry (rebuild parameters) it reads only live parameters, so a running simulation calls it
 * again when those change.
 */
export function materialOf(scenario: Scenario): Pick<World, 'baseE' | 'nu'> {
  const p = scenario.parameters;
  const r = distanceFromCentre(p);
  const baseE = new Float32Array(r.length);
  const nu = new Float32Array(r.length);
  const inclusion = scenario.inclusion;
  for (let c = 0; c < r.length; c++) {
    if (inclusion) {
      const inside = r[c] < inclusion.radiusMicrons;
      baseE[c] = inside ? inclusion.inclusionEKPa : inclusion.matrixEKPa;
      nu[c] = inside ? inclusion.inclusionNu : inclusion.matrixNu;
    } else if (scenario.kind === 'tissue' && r[c] < p.tumourRadiusMicrons) {
      // Tumour tissue's stiffness follows its cell density (the material kernel adds it), so
      // a tumour that grows or shrinks carries its stiffness with it.
      baseE[c] = p.normalTissueStiffnessKPa;
      nu[c] = p.tumourPoissonRatio;
    } else if (scenario.kind === 'tissue' && inStroma(p, r[c])) {
      baseE[c] = p.stromaStiffnessKPa;
      nu[c] = p.stromaPoissonRatio;
    } else {
      baseE[c] = p.normalTissueStiffnessKPa;
      nu[c] = p.normalTissuePoissonRatio;
    }
  }
  return { baseE, nu };
}

/** Distance of each cell's centre from the domain's centre (µm). */
function distanceFromCentre(p: Scenario['parameters']): Float64Array {
  const { nx, ny, dxMicrons: h } = p;
  const cx = (nx * h) / 2, cy = (ny * h) / 2;
  const r = new Float64Array(nx * ny);
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) r[j * nx + i] = Math.hypot((i + 0.5) * h - cx, (j + 0.5) * h - cy);
  }
  return r;
}

function inStroma(p: Scenario['parameters'], r: number): boolean {
  return r >= p.tumourRadiusMicrons && r < p.tumourRadiusMicrons + p.stromaWidthMicrons;
}

/**
 * 1 where the vessels kind takes up oxygen: everywhere, or within the Krogh radius of a vessel;
 * never in a vessel's lumen (a cell whose centre lies inside it).
 */
function uniformUptake(scenario: Scenario, world: { nx: number; ny: number; hMicrons: number }, vessels: Vessel[], exchange: VesselExchange): Float32Array {
  const { nx, ny, hMicrons: h } = world;
  const reach = scenario.uptake?.kroghRadiusMicrons ?? null;
  const out = new Float32Array(nx * ny).fill(reach === null ? 1 : 0);
  if (reach !== null) {
    for (const v of vessels) {
      const i0 = Math.max(0, Math.floor((v.xMicrons - reach) / h)), i1 = Math.min(nx - 1, Math.floor((v.xMicrons + reach) / h));
      const j0 = Math.max(0, Math.floor((v.yMicrons - reach) / h)), j1 = Math.min(ny - 1, Math.floor((v.yMicrons + reach) / h));
      for (let j = j0; j <= j1; j++) {
        for (let i = i0; i <= i1; i++) {
          if (Math.hypot((i + 0.5) * h - v.xMicrons, (j + 0.5) * h - v.yMicrons) < reach) out[j * nx + i] = 1;
        }
      }
    }
  }
  for (const c of exchange.lumenCell) out[c] = 0;
  return out;
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
