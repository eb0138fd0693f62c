// The vessels of a whole scenario: the ones it places, and its vessel file read into a list.
// Apart from vessels.ts and vessel-import.ts, which the scenario parser itself uses, so the
// geometry and the file readers never import the scenario back.

import type { Scenario } from './scenario.ts';
import { deepFreeze } from './validation.ts';
import { resolveVesselFile, segmentsToVessels, type ReadFile } from './vessel-import.ts';
import { generateCapillaries, type Vessel } from './vessels.ts';

/**
 * The vessels a scenario places: its explicit list, its in-plane segments sampled onto the
 * grid, a bed generated from its parameters and seed, or none (the inclusion problem has no
 * transport). A file must have been read first (resolveVesselFile): this stays free of I/O.
 */
export function vesselsOf(scenario: Scenario): Vessel[] {
  const spec = scenario.vessels;
  if (spec === null) return [];
  if (spec.mode === 'list') return [...spec.list];
  const p = scenario.parameters;
  if (spec.mode === 'segments') return segmentsToVessels({ nx: p.nx, ny: p.ny, dxMicrons: p.dxMicrons }, spec.segments);
  if (spec.mode === 'file') {
    throw new Error(`scenario "${scenario.name}": vessels.path = "${spec.path}" has not been read; resolve it with resolveScenarioVessels before building the world`);
  }
  return generateCapillaries(
    { nx: p.nx, ny: p.ny, dxMicrons: p.dxMicrons },
    {
      spacingMicrons: p.capillarySpacingMicrons,
      radiusMicrons: p.capillaryRadiusMicrons,
      jitterFraction: p.capillaryJitterFraction,
      wallPO2MmHg: p.vesselWallPO2MmHg,
      seed: scenario.seed,
    },
  );
}

/** The scenario with file-mode vessels read into a list; any other scenario as it is. */
export async function resolveScenarioVessels(scenario: Scenario, baseDir: string, readFile: ReadFile): Promise<Scenario> {
  const spec = scenario.vessels;
  if (spec?.mode !== 'file') return scenario;
  const { nx, ny, dxMicrons } = scenario.parameters;
  return deepFreeze({ ...scenario, vessels: await resolveVesselFile(spec, baseDir, readFile, { nx, ny, dxMicrons }) });
}
