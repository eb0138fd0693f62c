// Fuzzed scenario files that are accepted must also run: the draw of tests/unit/fuzz-scenario.test.ts
// (same generators, seed and count, so the same 980 accepted scenarios) is read again, and
// accepted scenarios are each built into a Simulation on this file's one device and stepped
// once, as `confine run` starts a run (a vessel file read first; one step is also what it runs
// of a verification kind). Each must build and step in bounded time, raise no exception and no
// GPU error, and leave every field finite, or be refused when the world is built because its
// vessel set-up would run for minutes (src/sim/world.ts), with the problem named.
//
// On a software adapter (SwiftShader, 2 cores) a first step costs 0.1–6 s even on a 64² grid
// (pipelines, the first solves run whole), and the suite has a minute for this file. So it
// steps the scenarios of at most 4096 grid cells and 20 000 initial agents (a step's cost grows
// with both; the draw's largest would take minutes each here): every mutated one accepted,
// since mutations reach what the valid generator never writes, and the first pristine ones, in
// draw order. The summary line says how many were passed over, and why.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadScenarioText, type Scenario } from '../../src/model/scenario.ts';
import { ScenarioError } from '../../src/model/validation.ts';
import { resolveScenarioVessels } from '../../src/model/scenario-vessels.ts';
import { Simulation } from '../../src/sim/simulation.ts';
import { cellCounts } from '../../src/cells/experiments.ts';
import { snapshot, type FieldSnapshot } from '../../src/sim/snapshot.ts';
import { nonFinite } from '../../src/sim/readouts.ts';
import { jsonCases } from '../unit/fuzz/json-mutation.ts';
import { SCENARIO_FORMAT, SCENARIO_FUZZ } from '../unit/fuzz/scenario-format.ts';
import { validScenario } from '../unit/fuzz/scenario-inputs.ts';
import { validVesselList } from '../unit/fuzz/vessel-list-inputs.ts';
import { useGpu } from './fixture.ts';

const MAX_GRID_CELLS = 64 * 64;
const MAX_AGENTS = 20_000;
/** Pristine scenarios stepped besides the mutated ones: as many as the file's minute holds. */
const PRISTINE = 24;
/** Far beyond the slowest first step here (about 6 s), far short of a hang. */
const CASE_LIMIT_MS = 15_000;

interface Accepted {
  readonly index: number;
  readonly scenario: Scenario;
  readonly mutation: string;
}

function acceptedScenarios(): Accepted[] {
  return fc.sample(jsonCases(SCENARIO_FORMAT, validScenario()), SCENARIO_FUZZ).flatMap((c, index) => {
    try {
      return [{ index, scenario: loadScenarioText(c.text, 'fuzz.json'), mutation: c.mutation }];
    } catch {
      return [];
    }
  });
}

/** Cancer and NK cells a scenario starts with, as the cells' own count gives them: what a step's cost follows. */
function initialAgents(s: Scenario): number {
  if (!s.physics.cells) return 0;
  const { nx, ny, dxMicrons } = s.parameters;
  const counts = cellCounts(s, { nx, ny, hMicrons: dxMicrons });
  return counts.cancer + counts.nk;
}

/** The scenario with the vessel file it names, if any, read: a valid vessel list in its domain, drawn from the case's index. */
async function withVesselFile(s: Scenario, index: number): Promise<Scenario> {
  const { nx, ny, dxMicrons } = s.parameters;
  const [list] = fc.sample(validVesselList({ nx, ny, dxMicrons, width: nx * dxMicrons, height: ny * dxMicrons }), { seed: SCENARIO_FUZZ.seed + index, numRuns: 1 });
  return resolveScenarioVessels(s, '', () => new TextEncoder().encode(JSON.stringify(list)));
}

describe('accepted fuzzed scenarios, stepped', () => {
  const gpu = useGpu();

  it('each build and run a step in bounded time, with no error and every field finite', async () => {
    const device = gpu().device;
    const uncaptured: string[] = [];
    const onError = (e: Event) => uncaptured.push((e as GPUUncapturedErrorEvent).error.message);
    device.addEventListener('uncapturederror', onError);
    const accepted = acceptedScenarios();
    const small = accepted.filter(({ scenario: { parameters: p } }) => p.nx * p.ny <= MAX_GRID_CELLS);
    const cheap = small.filter(({ scenario }) => initialAgents(scenario) <= MAX_AGENTS);
    const pristine = new Set(cheap.filter((c) => c.mutation === 'none').slice(0, PRISTINE));
    const chosen = cheap.filter((c) => c.mutation !== 'none' || pristine.has(c));
    // Every case is run and every problem listed: one failure does not hide the rest.
    const problems: string[] = [];
    const refused: number[] = [];
    let slowest = { ms: 0, index: -1 };
    for (const { index, scenario: read, mutation } of chosen) {
      const what = `case ${index} (${mutation}): ${read.kind}, ${read.parameters.nx} × ${read.parameters.ny}`;
      const start = performance.now();
      let fields: FieldSnapshot[] = [];
      device.pushErrorScope('validation');
      device.pushErrorScope('out-of-memory');
      device.pushErrorScope('internal');
      try {
        const sim = new Simulation(gpu(), await withVesselFile(read, index));
        try {
          await sim.step();
          await sim.cells?.drain();
          fields = await snapshot(sim);
        } finally {
          sim.destroy();
        }
      } catch (error) {
        // A set-up that would run for minutes is refused when the world is built, naming why.
        if (error instanceof ScenarioError && error.problems.every((p) => /^(vessels|uptake\.kroghRadiusMicrons): /.test(p))) refused.push(index);
        else problems.push(`${what}: threw ${(error as Error).stack}`);
      }
      const errors = await Promise.all([device.popErrorScope(), device.popErrorScope(), device.popErrorScope()]);
      const ms = performance.now() - start;
      for (const e of errors) if (e) problems.push(`${what}: GPU error ${e.message}`);
      const bad = nonFinite(fields);
      if (bad.length) problems.push(`${what}: non-finite ${bad.join(', ')}`);
      if (ms > CASE_LIMIT_MS) problems.push(`${what}: took ${(ms / 1000).toFixed(1)} s to build and step (limit ${CASE_LIMIT_MS / 1000} s)`);
      if (ms > slowest.ms) slowest = { ms, index };
    }
    device.removeEventListener('uncapturederror', onError);
    expect(problems).toEqual([]);
    expect(uncaptured).toEqual([]);
    const mutated = chosen.length - pristine.size;
    console.log(`fuzz step: ${chosen.length - refused.length} accepted scenarios stepped (${pristine.size} as drawn, ${mutated} mutated), all finite, no GPU error; `
      + `${refused.length} refused when built, their vessel set-up too costly (cases ${refused.join(', ') || 'none'}); `
      + `slowest ${(slowest.ms / 1000).toFixed(1)} s (case ${slowest.index}); of ${accepted.length} accepted, ${accepted.length - small.length} passed over `
      + `for a grid over ${MAX_GRID_CELLS} cells, ${small.length - cheap.length} for over ${MAX_AGENTS} agents, ${cheap.length - chosen.length} pristine beyond the first ${PRISTINE}`);
    expect(mutated).toBeGreaterThan(0);
  });
});
