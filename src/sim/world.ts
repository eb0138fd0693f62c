// The initial state of a scenario on its grid, built on the CPU: where the tumour, its stroma
// and the capillaries are, and each cell's material. Pure TypeScript (no GPU), seeded.
import type { Scenario } from '../model/scenario.ts';
import { vesselsOf } from '../model/scenario-vessels.ts';
import { rasteriseVessels, type Vessel, type VesselRaster } from '../model/vessels.ts';
import { exchangeSetupWork, vesselExchange, type VesselExchange } from '../model/vessel-exchange.ts';
import { ScenarioError } from '../model/validation.ts';

export interface World {
  nx: number;
  ny: number;
  hMicrons: number;
  /** Cell density relative to the full density, 0–1. */
  density: Float32Array;
  /** The share of each cell's area inside the tumour as laid down, and inside its stroma rim. */
  tumourArea: Float32Array;
  stromaArea: Float32Array;
  /**
   * Collagen density laid down (relative, 1 = normal tissue), the Young's modulus it gives before
   * any softening (kPa) and the Poisson ratio; a running simulation replaces them (materialOf)
   * when live parameters change.
   */
  collagen: Float32Array;
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
  const geometry = { nx, ny, hMicrons: h, ...laidDownAreas(scenario) };
  if (scenario.kind === 'tissue' && !scenario.inclusion) {
    const r = distanceFromCentre(p);
    const R = p.tumourRadiusMicrons;
    // A rim one cell wide keeps the tumour edge from being a pure staircase.
    for (let c = 0; c < cells; c++) density[c] = clamp01((R - r[c]) / h + 0.5);
  }
  const vessels = scenario.physics.oxygen || scenario.physics.smac || scenario.physics.softener ? vesselsOf(scenario) : [];
  checkSetupCost(scenario, vessels);
  const raster = rasteriseVessels({ nx, ny, dxMicrons: h }, vessels);
  const exchange = vesselExchange({ nx, ny, dxMicrons: h }, vessels);
  const uptake = scenario.uptake ? uniformUptake(scenario, { nx, ny, hMicrons: h }, vessels, exchange) : density;
  return { ...geometry, density, ...materialOf(scenario, geometry), vessels, raster, exchange, uptake };
}

/**
 * Collagen sets both the stiffness and the pores (docs: "Collagen, stiffness and pores"): the
 * tumour's collagen density is the one whose modulus E_normal·ECMᵏ is the tumour stiffness, its
 * stroma's is stromaCollagenRatio times that, normal tissue's is 1. Each cell holds the area mean
 * of what lies over it, so a boundary that cuts a cell moves the cell's collagen smoothly with it
 * and the pores near the rim converge as h shrinks. A tumour set softer than normal tissue keeps
 * normal collagen. Apart from the geometry (rebuild parameters) it reads only live parameters,
 * so a running simulation calls it again when those change.
 */
export function materialOf(scenario: Scenario, areas: Pick<World, 'tumourArea' | 'stromaArea'>): Pick<World, 'collagen' | 'baseE' | 'nu'> {
  const p = scenario.parameters;
  const r = distanceFromCentre(p);
  const collagen = new Float32Array(r.length).fill(1);
  const baseE = new Float32Array(r.length);
  const nu = new Float32Array(r.length);
  const inclusion = scenario.inclusion;
  const k = p.collagenModulusExponent;
  const tumourCollagen = Math.max(1, (p.tumourStiffnessKPa / p.normalTissueStiffnessKPa) ** (1 / k));
  const stromaCollagen = tumourCollagen * p.stromaCollagenRatio;
  for (let c = 0; c < r.length; c++) {
    if (inclusion) {
      const inside = r[c] < inclusion.radiusMicrons;
      baseE[c] = inside ? inclusion.inclusionEKPa : inclusion.matrixEKPa;
      nu[c] = inside ? inclusion.inclusionNu : inclusion.matrixNu;
      continue;
    }
    const t = areas.tumourArea[c], s = areas.stromaArea[c];
    collagen[c] = 1 + (tumourCollagen - 1) * t + (stromaCollagen - 1) * s;
    baseE[c] = p.normalTissueStiffnessKPa * collagen[c] ** k;
    nu[c] = t >= 0.5 ? p.tumourPoissonRatio : s >= 0.5 ? p.stromaPoissonRatio : p.normalTissuePoissonRatio;
  }
  return { collagen, baseE, nu };
}

/**
 * The share of each cell's area inside the tumour disk and inside its stroma ring (zero outside a
 * tissue scenario): exact away from the two circles, a 16 × 16 sub-grid mean in the cells they cut.
 */
function laidDownAreas(scenario: Scenario): Pick<World, 'tumourArea' | 'stromaArea'> {
  const p = scenario.parameters;
  const { nx, ny, dxMicrons: h } = p;
  const tumourArea = new Float32Array(nx * ny);
  const stromaArea = new Float32Array(nx * ny);
  if (scenario.kind !== 'tissue' || scenario.inclusion) return { tumourArea, stromaArea };
  const R = p.tumourRadiusMicrons, outer = R + p.stromaWidthMicrons;
  const cx = (nx * h) / 2, cy = (ny * h) / 2;
  // A cell's points lie within h/√2 of its centre.
  const reach = h * Math.SQRT1_2;
  const sub = 16;
  for (let j = 0; j < ny; j++) {
    for (let i = 0; i < nx; i++) {
      const c = j * nx + i;
      const r = Math.hypot((i + 0.5) * h - cx, (j + 0.5) * h - cy);
      if (Math.abs(r - R) > reach && Math.abs(r - outer) > reach) {
        tumourArea[c] = r < R ? 1 : 0;
        stromaArea[c] = r >= R && r < outer ? 1 : 0;
        continue;
      }
      let inTumour = 0, inStroma = 0;
      for (let b = 0; b < sub; b++) {
        for (let a = 0; a < sub; a++) {
          const q = Math.hypot((i + (a + 0.5) / sub) * h - cx, (j + (b + 0.5) / sub) * h - cy);
          if (q < R) inTumour++;
          else if (q < outer) inStroma++;
        }
      }
      tumourArea[c] = inTumour / (sub * sub);
      stromaArea[c] = inStroma / (sub * sub);
    }
  }
  return { tumourArea, stromaArea };
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

/**
 * 1 where the vessels kind takes up oxygen: everywhere, or within the Krogh radius of a vessel;
 * never in a vessel's lumen (a cell whose centre lies inside it).
 */
function uniformUptake(scenario: Scenario, world: { nx: number; ny: number; hMicrons: number }, vessels: Vessel[], exchange: VesselExchange): Float32Array {
  const { nx, ny, hMicrons: h } = world;
  const reach = scenario.uptake?.kroghRadiusMicrons ?? null;
  const out = new Float32Array(nx * ny).fill(reach === null ? 1 : 0);
  if (reach !== null) {
    // Each row's run of cells within reach is filled at once; its ends are found by the same
    // test a cell-by-cell scan makes, so the marked cells are exactly those.
    const within = (i: number, dy: number, x: number) => Math.hypot((i + 0.5) * h - x, dy) < reach;
    for (const v of vessels) {
      const i0 = Math.max(0, Math.floor((v.xMicrons - reach) / h)), i1 = Math.min(nx - 1, Math.floor((v.xMicrons + reach) / h));
      const j0 = Math.max(0, Math.floor((v.yMicrons - reach) / h)), j1 = Math.min(ny - 1, Math.floor((v.yMicrons + reach) / h));
      for (let j = j0; j <= j1; j++) {
        const dy = (j + 0.5) * h - v.yMicrons;
        if (!(Math.abs(dy) < reach)) continue;
        const half = Math.sqrt(reach * reach - dy * dy);
        let a = Math.max(i0, Math.ceil((v.xMicrons - half) / h - 0.5)), b = Math.min(i1, Math.floor((v.xMicrons + half) / h - 0.5));
        while (a > i0 && within(a - 1, dy, v.xMicrons)) a--;
        while (a <= b && !within(a, dy, v.xMicrons)) a++;
        while (b < i1 && within(b + 1, dy, v.xMicrons)) b++;
        while (b >= a && !within(b, dy, v.xMicrons)) b--;
        if (a <= b) out.fill(1, j * nx + a, j * nx + b + 1);
      }
    }
  }
  for (const c of exchange.lumenCell) out[c] = 0;
  return out;
}

/** Set-ups beyond these would take minutes on a CPU; such a scenario is refused, saying why. */
const EXCHANGE_SETUP_LIMIT = 5e8;
const UPTAKE_SETUP_LIMIT = 2e9;

/**
 * Refuses, before any of it is done, a vessel set-up that would run for minutes: the exchange's
 * ring sums (exchangeSetupWork; about 10 s at its limit on one CPU core) or the cells a Krogh
 * reach marks around every vessel (about 2 s at its limit).
 */
function checkSetupCost(scenario: Scenario, vessels: readonly Vessel[]): void {
  const { nx, ny, dxMicrons: h } = scenario.parameters;
  const problems: string[] = [];
  const work = exchangeSetupWork(h, vessels);
  if (work > EXCHANGE_SETUP_LIMIT) {
    const thickest = vessels.reduce((r, v) => Math.max(r, v.radiusMicrons), 0);
    problems.push(`vessels: the exchange of ${vessels.length} vessels (the thickest ${thickest} µm in radius, ${(thickest / h).toFixed(1)} cells of ${h} µm) `
      + `needs about ${work.toExponential(1)} evaluations to set up, more than the ${EXCHANGE_SETUP_LIMIT.toExponential(0)} allowed (minutes on a CPU); `
      + 'use fewer or thinner vessels, or larger cells (parameters.dxMicrons)');
  }
  const reach = scenario.uptake?.kroghRadiusMicrons;
  if (reach) {
    const span = Math.min(nx, 2 * Math.ceil(reach / h) + 1) * Math.min(ny, 2 * Math.ceil(reach / h) + 1);
    if (span * vessels.length > UPTAKE_SETUP_LIMIT) {
      problems.push(`uptake.kroghRadiusMicrons: ${reach} µm reaches up to ${span} cells around each of ${vessels.length} vessels (${(span * vessels.length).toExponential(1)} in all), `
        + `more than the ${UPTAKE_SETUP_LIMIT.toExponential(0)} allowed (minutes on a CPU); a Krogh radius is tens to hundreds of µm`);
    }
  }
  if (problems.length) throw new ScenarioError(problems, scenario.name);
}

function clamp01(v: number): number {
  return Math.min(1, Math.max(0, v));
}
