// What the fuzz needs to know of vessel files (the file a scenario's `"vessels": {"mode": "file"}`
// names): a case of one, the JSON list format's keys, how messages name a field, and what every
// vessel read from a file must satisfy.
import { expect } from 'vitest';
import type { VesselFileSpec } from '../../../src/model/scenario.ts';
import type { Vessel } from '../../../src/model/vessels.ts';
import type { Expectation } from './fuzz-case.ts';
import type { JsonFormat } from './json-mutation.ts';
import { pathText } from './json-tree.ts';
import type { Domain } from './scenario-inputs.ts';

/** A vessel file as read from disk, the grid of the scenario naming it, and what the reader must do. */
export interface VesselFileCase {
  readonly grid: Domain;
  readonly bytes: Uint8Array;
  readonly mutation: string;
  readonly expect: Expectation;
  /** For each problem put in, texts one of which the refusal must contain. */
  readonly mentions: readonly (readonly string[])[];
  /** How many vessels the file places, where the case knows. */
  readonly vessels?: number;
}

export const LIST_SPEC: VesselFileSpec = { mode: 'file', path: 'net.json', radiusMicrons: 4, wallPO2MmHg: 40 };
export const MASK_SPEC: VesselFileSpec = { mode: 'file', path: 'net.png', radiusMicrons: 3, wallPO2MmHg: 25 };

export const VESSEL_LIST_FORMAT: JsonFormat = {
  rootName: LIST_SPEC.path,
  mention: (path) => pathText(LIST_SPEC.path, path),
  ruleAt: () => undefined,
  mayAccept: () => false,
  knownKeys: new Set(['xMicrons', 'yMicrons', 'x0Microns', 'y0Microns', 'x1Microns', 'y1Microns', 'radiusMicrons', 'wallPO2MmHg']),
};

/** A vessel file's problem names the file (entries are paths under its name), or a key in it. */
export function vesselProblemNamesItsField(spec: VesselFileSpec): (problem: string) => boolean {
  return (problem) => problem.startsWith(spec.path) || problem.startsWith(`vessels.path = "${spec.path}"`) || problem.startsWith('unknown key "');
}

/** Every vessel read: inside the domain, with a radius and wall pO₂ in their ranges. */
export function checkVessels(vessels: readonly Vessel[], d: Domain): void {
  expect(vessels.length).toBeGreaterThan(0);
  const wrong = vessels.find((v) => !(v.xMicrons >= 0 && v.xMicrons <= d.width && v.yMicrons >= 0 && v.yMicrons <= d.height
    && v.radiusMicrons >= 0.1 && v.radiusMicrons <= 1000 && v.wallPO2MmHg >= 0 && v.wallPO2MmHg <= 100));
  expect(wrong).toBeUndefined();
}
