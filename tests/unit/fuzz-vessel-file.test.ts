// Vessel files fuzzed by the thousand, read as a scenario's file-mode vessels are read
// (resolveVesselFile): JSON lists of points and segments, and PNG masks of every colour type
// and bit depth, valid and broken. Each is read into vessels inside the domain or refused with
// a ScenarioError naming the file and every problem, in time, echoing none of the file back.
import { describe, expect, it } from 'vitest';
import type { VesselFileSpec } from '../../src/model/scenario.ts';
import { resolveVesselFile } from '../../src/model/vessel-import.ts';
import { latin1 } from './fuzz/byte-mutation.ts';
import { quotableOfJson } from './fuzz/echo.ts';
import { maskCases } from './fuzz/mask-inputs.ts';
import { checkRefusal } from './fuzz/refusal.ts';
import { fuzz, type Outcome } from './fuzz/run-fuzz.ts';
import { LIST_SPEC, MASK_SPEC, checkVessels, vesselProblemNamesItsField, type VesselFileCase } from './fuzz/vessel-file-format.ts';
import { listCases } from './fuzz/vessel-list-inputs.ts';

/** How a refusal may quote the file: a JSON list by its keys and shortened values; a mask not at all. */
function inputAsText(spec: VesselFileSpec, bytes: Uint8Array): { text: string; quotable: () => readonly string[] } {
  if (spec === MASK_SPEC) return { text: latin1(bytes), quotable: () => [] };
  const text = new TextDecoder().decode(bytes);
  return { text, quotable: () => quotableOfJson(text) };
}

type Vessels = readonly { xMicrons: number; yMicrons: number; radiusMicrons: number; wallPO2MmHg: number }[];

/** Reads a case's file; `checkRead` checks what a format's accepted file must give besides vessels in the domain. */
function reader(spec: VesselFileSpec, checkRead: (c: VesselFileCase, vessels: Vessels) => void = () => {}) {
  return async (c: VesselFileCase): Promise<Outcome> => {
    let read;
    try {
      read = await resolveVesselFile(spec, '', () => c.bytes, c.grid);
    } catch (error) {
      expect(c.expect, `${c.mutation}: refused\n${(error as Error).message}`).not.toBe('accept');
      const { text, quotable } = inputAsText(spec, c.bytes);
      checkRefusal(error, text, c.mentions, { source: spec.path, namesItsField: vesselProblemNamesItsField(spec), quotable });
      return 'refused';
    }
    expect(c.expect, `${c.mutation}: accepted`).not.toBe('refuse');
    checkVessels(read.list, c.grid);
    if (c.vessels !== undefined) expect(read.list.length, c.mutation).toBe(c.vessels);
    checkRead(c, read.list);
    return 'accepted';
  };
}

/** Mask vessels sit one per vessel pixel, at its cell's centre, with the file's radius and wall pO₂. */
function checkMaskVessels(c: VesselFileCase, vessels: Vessels): void {
  const h = c.grid.dxMicrons;
  const offCentre = (x: number) => Math.abs(x / h - 0.5 - Math.round(x / h - 0.5)) > 1e-9;
  const wrong = vessels.find((v) => offCentre(v.xMicrons) || offCentre(v.yMicrons)
    || v.radiusMicrons !== MASK_SPEC.radiusMicrons || v.wallPO2MmHg !== MASK_SPEC.wallPO2MmHg);
  expect(wrong).toBeUndefined();
  const cells = new Set(vessels.map((v) => Math.round(v.yMicrons / h - 0.5) * c.grid.nx + Math.round(v.xMicrons / h - 0.5)));
  expect(cells.size).toBe(vessels.length);
}

describe('vessel files, fuzzed', () => {
  it('JSON lists are each read into vessels in the domain or refused naming every problem', async () => {
    const tally = await fuzz({ format: 'vessel files (JSON)', inputs: listCases, seed: 20240613, numRuns: 1500, read: reader(LIST_SPEC) });
    expect(tally.accepted).toBeGreaterThan(tally.tried / 5);
  }, 120_000);

  it('PNG masks are each read into one vessel per vessel pixel or refused saying why', async () => {
    const tally = await fuzz({ format: 'vessel masks (PNG)', inputs: maskCases, seed: 20240614, numRuns: 1500, read: reader(MASK_SPEC, checkMaskVessels) });
    expect(tally.accepted).toBeGreaterThan(tally.tried / 5);
  }, 120_000);
});
