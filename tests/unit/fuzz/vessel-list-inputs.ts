// Vessel files as JSON lists: valid lists of points and segments inside the domain, mutated as
// any JSON input is, or their bytes damaged.
import fc from 'fast-check';
import { byteDamage } from './byte-mutation.ts';
import { jsonCases } from './json-mutation.ts';
import type { Json } from './json-tree.ts';
import { domain, vesselPoint, vesselSegment, type Domain } from './scenario-inputs.ts';
import { VESSEL_LIST_FORMAT, type VesselFileCase } from './vessel-file-format.ts';

/** Points and segments, radius and wall pO₂ given or left to the scenario's. */
export function validVesselList(d: Domain): fc.Arbitrary<Json> {
  return fc.array(fc.oneof(vesselPoint(d, false), vesselSegment(d, false)), { minLength: 1, maxLength: 20 });
}

const encode = (text: string) => new TextEncoder().encode(text);

export const listCases: fc.Arbitrary<VesselFileCase> = domain(128).chain((grid) => fc.oneof(
  { weight: 9, arbitrary: jsonCases(VESSEL_LIST_FORMAT, validVesselList(grid)).map((c) => ({ ...c, grid, bytes: encode(c.text) })) },
  {
    weight: 1,
    arbitrary: validVesselList(grid).chain((list) => byteDamage(encode(JSON.stringify(list)), 1))
      .map(({ bytes, mutation }) => ({ grid, bytes, mutation, expect: 'either' as const, mentions: [] })),
  },
));
