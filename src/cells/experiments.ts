// What a scenario puts in the dish or the tissue at the start: the cancer cells and NK cells,
// the matrix's collagen density laid down (ECM_0), and the experiment's settings. The tissue
// fills its tumour disk; the assays lay out the study's experiments (README, "Cells, and the study replayed").
import { BufferCapacityError } from '../gpu/buffers.ts';
import { transwellMembraneRow, type AssaySpec } from '../model/assay.ts';
import type { Params } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { RNG_STREAM, uniform4 } from '../model/rng.ts';
import type { World } from '../sim/world.ts';
import { afterOnePassage, TISSUE_SETTING, type CellSetting } from './cell-params.ts';
import { AgentWriter, COMPARTMENT, NK_WORDS, nkCells, tumourCellCount, tumourCells, type CellSeed, type NkArrays } from './initial.ts';
import { bindingBytes, maxCapacity, type AgentArrays } from './population.ts';

export interface Experiment {
  cancer: AgentArrays;
  /** Cancer cells that start in the blood or the lung (a tail-vein injection), and those of them primed. */
  circulating: { all: number; primed: number };
  nk: NkArrays;
  setting: CellSetting;
  ecmBase: Float32Array;
}

/** The cells a scenario starts with, and the scenario's fields that set each number, as a refusal names them. */
export interface CellCounts {
  cancer: number;
  nk: number;
  cancerFrom: string;
  nkFrom: string;
}

/** The most cells of each kind one storage binding of a device holds. */
export interface CellLimits {
  cancer: number;
  nk: number;
  bindingBytes: number;
}

export function cellLimits(device: GPUDevice): CellLimits {
  const bytes = bindingBytes(device);
  return { cancer: maxCapacity(device), nk: Math.floor(bytes / (NK_WORDS * 4)), bindingBytes: bytes };
}

/** Counted from the scenario's numbers alone, before anything is placed: what placing them would cost is known first. */
export function cellCounts(scenario: Scenario, world: Pick<World, 'nx' | 'ny' | 'hMicrons'>): CellCounts {
  const p = scenario.parameters;
  const a = scenario.assay;
  if (!a) {
    const { nx, ny, hMicrons: h } = world;
    return {
      cancer: tumourCellCount(p),
      nk: Math.round((p.nkDensityPerMm2 * nx * h * ny * h) / 1e6),
      cancerFrom: `parameters.initialDensityFraction = ${p.initialDensityFraction} of parameters.carryingCapacityCellsPerMm2 = ${p.carryingCapacityCellsPerMm2} /mm² over a disk of parameters.tumourRadiusMicrons = ${p.tumourRadiusMicrons} µm`,
      nkFrom: `parameters.nkDensityPerMm2 = ${p.nkDensityPerMm2} /mm² over the ${nx} × ${ny} grid of parameters.dxMicrons = ${h} µm`,
    };
  }
  const noNk = { nk: 0, nkFrom: '' };
  switch (a.type) {
    case 'transwell':
      return { ...noNk, cancer: a.poresMicrons.length * a.cellsPerWell, cancerFrom: `assay.cellsPerWell = ${a.cellsPerWell} in each of ${a.poresMicrons.length} wells (assay.poresMicrons)` };
    case 'anoikis':
      return { ...noNk, cancer: a.delaysDays.length * 4 * a.cellsPerGroup, cancerFrom: `assay.cellsPerGroup = ${a.cellsPerGroup} in each of 4 groups for each of ${a.delaysDays.length} assay.delaysDays` };
    case 'nk-coculture': {
      const targets = 2 * a.targetsPerGroup;
      return {
        cancer: targets, cancerFrom: `assay.targetsPerGroup = ${a.targetsPerGroup} in each of 2 groups`,
        nk: Math.round(a.nkPerTarget * targets), nkFrom: `assay.nkPerTarget = ${a.nkPerTarget} for each of 2 × assay.targetsPerGroup = ${targets} targets`,
      };
    }
    case 'tail-vein':
      return { ...noNk, cancer: 2 * a.miceEach * a.cellsPerMouse, cancerFrom: `assay.cellsPerMouse = ${a.cellsPerMouse} for each of 2 × assay.miceEach = ${2 * a.miceEach} mice` };
  }
}

/** Refuses, with the fields that ask for them, cells beyond what the device's storage bindings hold. */
function checkCellCounts(counts: CellCounts, limits: CellLimits): void {
  const binding = `${(limits.bindingBytes / 2 ** 20).toFixed(1)} MiB storage binding`;
  const over = [
    counts.cancer > limits.cancer && `${counts.cancerFrom} asks for ${counts.cancer} cancer cells, but this adapter holds at most ${limits.cancer} (its ${binding})`,
    counts.nk > limits.nk && `${counts.nkFrom} asks for ${counts.nk} NK cells, but this adapter holds at most ${limits.nk} (its ${binding})`,
  ].filter((line): line is string => !!line);
  if (over.length) throw new BufferCapacityError(`${over.join('; ')}; use fewer cells or a GPU with larger limits`);
}

/** `limits`: the device's (cellLimits); a scenario asking for more cells is refused before any is placed. */
export function experimentOf(scenario: Scenario, world: World, limits: CellLimits): Experiment {
  const counts = cellCounts(scenario, world);
  checkCellCounts(counts, limits);
  const p = scenario.parameters;
  const seed = scenario.seed;
  const { nx, ny, hMicrons: h } = world;
  const cancer = new AgentWriter(seed, counts.cancer);
  const nk = nkCells(seed, p, counts.nk, [0, 0, nx * h, ny * h]);
  let setting = TISSUE_SETTING;
  if (scenario.assay) setting = placeAssay(scenario.assay, seed, p, world, cancer);
  else tumourCells(seed, p, cancer);
  return { cancer: cancer.agents(), circulating: cancer.inBlood, nk, setting, ecmBase: ecmBaseOf(scenario, world) };
}

/**
 * The collagen density laid down (ECM_0, relative): the tissue's (World.collagen); in a transwell
 * one grid row of membrane per well, whose ECM_0 = (d0/d)² makes the matrix rule give the
 * membrane's pore diameter d. Recomputed when the live pore size d0 changes, so the membrane
 * keeps its pores.
 */
export function ecmBaseOf(scenario: Scenario, world: World): Float32Array {
  const p = scenario.parameters;
  const a = scenario.assay;
  if (!a) return world.collagen;
  const { nx, hMicrons: h } = world;
  const ecmBase = new Float32Array(nx * world.ny).fill(1);
  if (a.type === 'transwell') {
    const wellWidth = (nx * h) / a.poresMicrons.length;
    const membrane = transwellMembraneRow(p, a);
    for (let i = 0; i < nx; i++) {
      const well = Math.min(a.poresMicrons.length - 1, Math.floor(((i + 0.5) * h) / wellWidth));
      ecmBase[membrane * nx + i] = (p.poreSizeMicrons / a.poresMicrons[well]) ** 2;
    }
  }
  return ecmBase;
}

type Priming = Pick<CellSeed, 'iap' | 'motility' | 'passages' | 'squeezeClockHours'>;

const UNPRIMED: Priming = { iap: 1, motility: 1, passages: 0, squeezeClockHours: 0 };

/** A control cell, and one squeezed `hoursAgo` before the start and kept since without drug: indexed by squeezed. */
function primings(p: Params, hoursAgo: number): [Priming, Priming] {
  return [UNPRIMED, { ...afterOnePassage(p, hoursAgo), passages: 1, squeezeClockHours: hoursAgo }];
}

/** Places an assay's cancer cells (its NK cells are counted: cellCounts) and returns its setting. */
function placeAssay(a: AssaySpec, seed: number, p: Params, world: World, cells: AgentWriter): CellSetting {
  const { nx, ny, hMicrons: h } = world;
  const width = nx * h, height = ny * h;
  const setting: CellSetting = { ...TISSUE_SETTING, proliferation: false };
  const at = (i: number): [number, number] => {
    const [u, v] = uniform4(seed, i, 0, RNG_STREAM.cellPlacement);
    return [u, v];
  };
  switch (a.type) {
    case 'transwell': {
      const wells = a.poresMicrons.length;
      const wellWidth = width / wells;
      const membrane = transwellMembraneRow(p, a);
      const top = (membrane + 1) * h;
      for (let w = 0; w < wells; w++) {
        for (let k = 0; k < a.cellsPerWell; k++) {
          const [u, v] = at(cells.placed);
          cells.add({ x: (w + 0.05 + 0.9 * u) * wellWidth, y: top + 0.5 * h + v * (height - top - h), compartment: COMPARTMENT.tissue, ...UNPRIMED, group: w, timerMinutes: 0 });
        }
      }
      return { ...setting, bias: [0, -a.chemotaxis], wallMicrons: wells > 1 ? wellWidth : 0 };
    }
    case 'anoikis': {
      const primed = primings(p, a.squeezedHoursAgo);
      let dosed = 0;
      a.delaysDays.forEach((delay, d) => {
        for (const smac of [0, 1]) {
          for (const squeezed of [false, true]) {
            const group = 4 * d + 2 * smac + (squeezed ? 1 : 0);
            if (smac) dosed |= 1 << group;
            for (let k = 0; k < a.cellsPerGroup; k++) {
              cells.add({ x: width / 2, y: height / 2, compartment: COMPARTMENT.held, ...primed[Number(squeezed)], group, timerMinutes: delay * 1440 });
            }
          }
        }
      });
      return { ...setting, windowMinutes: a.windowHours * 60, mediumSmacNM: a.smacNM, mediumSmacMinutes: a.smacHours * 60, mediumGroups: dosed };
    }
    case 'nk-coculture': {
      const primed = primings(p, a.squeezedHoursAgo);
      for (const squeezed of [false, true]) {
        for (let k = 0; k < a.targetsPerGroup; k++) {
          const [u, v] = at(cells.placed);
          cells.add({ x: u * width, y: v * height, compartment: COMPARTMENT.tissue, ...primed[Number(squeezed)], group: squeezed ? 1 : 0, timerMinutes: 0 });
        }
      }
      return setting;
    }
    case 'tail-vein': {
      const primed = primings(p, a.squeezedHoursAgo);
      for (const squeezed of [false, true]) {
        for (let mouse = 0; mouse < a.miceEach; mouse++) {
          const group = (squeezed ? a.miceEach : 0) + mouse;
          for (let k = 0; k < a.cellsPerMouse; k++) {
            cells.add({ x: width / 2, y: height / 2, compartment: COMPARTMENT.circulating, ...primed[Number(squeezed)], group, timerMinutes: 0 });
          }
        }
      }
      return setting;
    }
  }
}
