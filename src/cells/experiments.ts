// What a scenario puts in the dish or the tissue at the start: the cancer cells and NK cells,
// the matrix's collagen density laid down (ECM_0), and the experiment's settings. The tissue
// fills its tumour disk; the assays lay out the study's experiments (README, "Cells, and the study replayed").
import { transwellMembraneRow, type AssaySpec } from '../model/assay.ts';
import type { Params } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { RNG_STREAM, uniform4 } from '../model/rng.ts';
import type { World } from '../sim/world.ts';
import { afterOnePassage, TISSUE_SETTING, type CellSetting } from './cell-params.ts';
import { COMPARTMENT, nkCells, tumourCells, type CellSeed, type NkArrays } from './initial.ts';

export interface Experiment {
  cancer: CellSeed[];
  nk: NkArrays;
  setting: CellSetting;
  ecmBase: Float32Array;
}

export function experimentOf(scenario: Scenario, world: World): Experiment {
  const p = scenario.parameters;
  const seed = scenario.seed;
  const { nx, ny, hMicrons: h } = world;
  const box: [number, number, number, number] = [0, 0, nx * h, ny * h];
  const ecmBase = ecmBaseOf(scenario, world);
  if (!scenario.assay) {
    const nkCount = Math.round((p.nkDensityPerMm2 * nx * h * ny * h) / 1e6);
    return { cancer: tumourCells(seed, p), nk: nkCells(seed, p, nkCount, box), setting: TISSUE_SETTING, ecmBase };
  }
  return assayExperiment(scenario.assay, seed, p, world, ecmBase);
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

function assayExperiment(a: AssaySpec, seed: number, p: Params, world: World, ecmBase: Float32Array): Experiment {
  const { nx, ny, hMicrons: h } = world;
  const width = nx * h, height = ny * h;
  const setting: CellSetting = { ...TISSUE_SETTING, proliferation: false };
  const cancer: CellSeed[] = [];
  const at = (i: number): [number, number] => {
    const [u, v] = uniform4(seed, i, 0, RNG_STREAM.cellPlacement);
    return [u, v];
  };
  const noNk = nkCells(seed, p, 0, [0, 0, width, height]);
  switch (a.type) {
    case 'transwell': {
      const wells = a.poresMicrons.length;
      const wellWidth = width / wells;
      const membrane = transwellMembraneRow(p, a);
      const top = (membrane + 1) * h;
      for (let w = 0; w < wells; w++) {
        for (let k = 0; k < a.cellsPerWell; k++) {
          const [u, v] = at(cancer.length);
          cancer.push({ x: (w + 0.05 + 0.9 * u) * wellWidth, y: top + 0.5 * h + v * (height - top - h), compartment: COMPARTMENT.tissue, ...UNPRIMED, group: w, timerMinutes: 0 });
        }
      }
      return { cancer, nk: noNk, ecmBase, setting: { ...setting, bias: [0, -a.chemotaxis], wallMicrons: wells > 1 ? wellWidth : 0 } };
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
              cancer.push({ x: width / 2, y: height / 2, compartment: COMPARTMENT.held, ...primed[Number(squeezed)], group, timerMinutes: delay * 1440 });
            }
          }
        }
      });
      return {
        cancer, nk: noNk, ecmBase,
        setting: { ...setting, windowMinutes: a.windowHours * 60, mediumSmacNM: a.smacNM, mediumSmacMinutes: a.smacHours * 60, mediumGroups: dosed },
      };
    }
    case 'nk-coculture': {
      const primed = primings(p, a.squeezedHoursAgo);
      for (const squeezed of [false, true]) {
        for (let k = 0; k < a.targetsPerGroup; k++) {
          const [u, v] = at(cancer.length);
          cancer.push({ x: u * width, y: v * height, compartment: COMPARTMENT.tissue, ...primed[Number(squeezed)], group: squeezed ? 1 : 0, timerMinutes: 0 });
        }
      }
      const nk = nkCells(seed, p, Math.round(a.nkPerTarget * cancer.length), [0, 0, width, height]);
      return { cancer, nk, ecmBase, setting };
    }
    case 'tail-vein': {
      const primed = primings(p, a.squeezedHoursAgo);
      for (const squeezed of [false, true]) {
        for (let mouse = 0; mouse < a.miceEach; mouse++) {
          const group = (squeezed ? a.miceEach : 0) + mouse;
          for (let k = 0; k < a.cellsPerMouse; k++) {
            cancer.push({ x: width / 2, y: height / 2, compartment: COMPARTMENT.circulating, ...primed[Number(squeezed)], group, timerMinutes: 0 });
          }
        }
      }
      return { cancer, nk: noNk, ecmBase, setting };
    }
  }
}
