// One act step on the GPU (shaders/cells/act.wgsl) against its double-precision twin
// (src/cells/act-twin.ts): cells in every compartment on a non-uniform environment, with rates
// raised so that every branch fires within the one step.
import { describe, expect, it } from 'vitest';
import { actTwin, type Decision } from '../../src/cells/act-twin.ts';
import { cellParamValues, TISSUE_SETTING, type CellSetting } from '../../src/cells/cell-params.ts';
import { COMPARTMENT } from '../../src/cells/initial.ts';
import { COUNTER_NAMES, COUNTERS, EXPECTED_INTRAVASATIONS, GROUPS, ledgerWords, parseLedger, type CounterName } from '../../src/cells/ledger.ts';
import { BODY_FLOATS, TAG_WORDS } from '../../src/cells/population.ts';
import { defaultParams } from '../../src/model/params.ts';
import { uniform4 } from '../../src/model/rng.ts';
import { runAct } from './act-step.ts';
import { scoped, useGpu } from './fixture.ts';
import { storedCellParams } from './rules-probe.ts';

const NX = 24, NY = 16, H = 10;
const W = NX * H, HEIGHT = NY * H;
const CELLS = 480;
const CAPACITY = 512;
const WALL = 125;
/** Ledger words of the cumulative counters and per-group tallies. */
const COUNTED_WORDS = COUNTERS + GROUPS * 4;
/** The two words of the expected intravasations' fixed-point sum, compared as a number. */
const EXPECTED_WORDS = [EXPECTED_INTRAVASATIONS, EXPECTED_INTRAVASATIONS + 1];
/** The expected intravasations start 5 short of the low word's wrap, so that the sum's carry is exercised. */
function startLedger(): Uint32Array {
  const ledger = new Uint32Array(ledgerWords(NY));
  ledger.set([2 ** 32 - 5 * 2 ** 20, 7], EXPECTED_INTRAVASATIONS);
  return ledger;
}
/** The most ledger words one cell's step adds: a lung arrest, then extravasation and a metastasis, each also counted for its class at entry, and the group's metastasis. */
const MOST_WORDS = 6;

// A decision that lands within f32 error of its threshold can go either way on the GPU; such
// cells are set aside (and must be few). Draws are exact (same bits), so only the probability's
// rounding counts; fields and clocks carry f32 sums and sampling, relative to the level; a pore
// size sampled where the move ends also carries the move's error times the pore gradient.
const NEAR_DRAW = 1e-5;
const NEAR_FIELD = 1e-4;
// WGSL guarantees sin and cos only to 2^-11 absolute (SwiftShader's are off by up to 1.9e-4), so
// the turn (Box–Muller's cos, times |normal| ≤ 5.8 and √(2dt/P)) and the step's direction differ
// from f64 by up to that much; the rest is f32 rounding of headings to ~40 rad and of ~240 µm.
const TRIG = 2 ** -11;
const NORMAL_MAX = Math.sqrt(-2 * Math.log(2 ** -24));
const HEADING_ROUNDING = 2e-5;
const POSITION_ROUNDING = 1e-4;
// IAP, speed factor, clocks: exp chains and f32 sums, relative to max(|value|, 1).
const RELATIVE = 1e-5;

/** pO2 and pore size vary across x, the rest across y or both; a capillary column at i = 16. */
function environment(): Float32Array {
  const env = new Float32Array(NX * NY * 8);
  for (let j = 0; j < NY; j++) {
    for (let i = 0; i < NX; i++) {
      const po2 = i < 5 ? [0, 0.1, 0.2, 0.4, 0.8][i] : 60 * ((i - 4) / (NX - 5)) ** 1.5;
      const smac = j < 3 ? 0 : 2000 * ((j - 3) / (NY - 4)) ** 2;
      const stress = -2 + (22 * j) / (NY - 1) + Math.sin(i);
      const vonMises = 5 + 5 * Math.sin(0.7 * i + 0.3 * j);
      const pore = 2 + 14 * (1 + Math.cos(0.8 * i)) * (0.5 + (0.5 * j) / (NY - 1));
      const perfusion = i === 16 && j >= 2 && j <= 13 ? 0.5 + j / 10 : 0;
      const density = j < 3 ? 0.02 * (i % 3) : (1.2 * (j - 3)) / (NY - 4);
      // Detached (sparse cells, little matrix) at low y, partly inside the anoxic columns.
      const ecm = i >= 14 || i <= 3 ? 0.1 + 0.02 * j : 4;
      env.set([po2, smac, stress, vonMises, pore, perfusion, density, ecm], 8 * (j * NX + i));
    }
  }
  return env;
}

const TIMERS: Record<number, (u: number, i: number) => number> = {
  [COMPARTMENT.tissue]: () => 0,
  [COMPARTMENT.suspended]: (u, i) => (i % 3 === 0 ? 590 + 20 * u : 200 * u),
  [COMPARTMENT.circulating]: (u) => 40 + 30 * u,
  [COMPARTMENT.lung]: (u) => 4300 + 30 * u,
  [COMPARTMENT.held]: (u) => 20 * u,
};
const BY_RESIDUE = [0, 0, 0, 0, 0, 0, COMPARTMENT.suspended, COMPARTMENT.circulating, COMPARTMENT.lung, COMPARTMENT.held];

/** Cells everywhere, some at an edge or the wall heading out through it; headings up to ±40 rad. */
function agents(): { body: Float32Array; tag: Uint32Array; killer: Uint32Array } {
  const body = new Float32Array(CELLS * BODY_FLOATS);
  const tag = new Uint32Array(CELLS * TAG_WORDS);
  const killer = new Uint32Array(CELLS);
  for (let i = 0; i < CELLS; i++) {
    const [a, b, c, d] = uniform4(3, i, 0, 21);
    const [e, f, g, h] = uniform4(3, i, 1, 21);
    const [k, l, m, n] = uniform4(3, i, 2, 21);
    const compartment = BY_RESIDUE[i % 10];
    let x = a * W, y = b * HEIGHT, heading = (e - 0.5) * 80;
    const turns = 2 * Math.PI * Math.round((e - 0.5) * 12);
    if (i % 8 === 0) {
      const edge = Math.floor(c * 4);
      [x, y, heading] = [[a, y, Math.PI], [W - 0.001 - a, y, 0], [x, b, -Math.PI / 2], [x, HEIGHT - 0.001 - b, Math.PI / 2]][edge];
      heading += turns;
    } else if (i % 8 === 4) {
      x = d < 0.5 ? WALL - a : WALL + a;
      heading = (d < 0.5 ? 0 : Math.PI) + turns;
    }
    const cycle = compartment === COMPARTMENT.tissue && i % 2 ? 0.99 + 0.01 * f : f;
    body.set([x, y, heading, cycle, 4 * g, 1 + 2 * h, 100 * k, TIMERS[compartment](l, i)], i * BODY_FLOATS);
    // Groups past the last (31) share its tallies and its medium-dose bit.
    const group = i % 7 === 3 ? 40 : i % 7 === 5 ? 31 : Math.floor(4 * n);
    tag.set([1000 + 7 * i, compartment, Math.floor(5 * m), group], i * TAG_WORDS);
    killer[i] = i % 37 === 5 ? 3 : 0;
  }
  return { body, tag, killer };
}

// A 20 min step walks in three substeps (τ_p = 60 min), so the substep loop is compared too.
const RATES = {
  necrosisRatePerHour: 6, anoikisRatePerHour: 3, intravasationPerHour: 4, bloodNkKillPerHour: 3, seedingProbability: 0.5, cellSpeedUmPerMin: 0.5,
  dtMinutes: 20, persistenceMinutes: 60,
};
const ASSAY: CellSetting = {
  proliferation: true, mediumSmacNM: 500, mediumSmacMinutes: 120, mediumGroups: 0b10 | 2 ** 31, windowMinutes: 600, bias: [0.3, -0.2], wallMicrons: WALL,
};
interface Case {
  name: string;
  setting: CellSetting;
  seed: number;
  step: number;
  parameters?: Record<string, number>;
}

const CASES: Case[] = [
  { name: 'tissue setting', setting: TISSUE_SETTING, seed: 2024, step: 17, parameters: { intravasationPrimes: 0 } },
  { name: 'assay setting: wall, drift, dosed medium, window', setting: ASSAY, seed: 77, step: 123_456 },
  { name: 'tissue setting, entering a capillary primes', setting: TISSUE_SETTING, seed: 31, step: 5, parameters: { intravasationPrimes: 1 } },
  { name: 'tissue setting, hypoxia raises IAP and speed', setting: TISSUE_SETTING, seed: 2024, step: 17, parameters: { hypoxiaIapLevel: 2.5, hypoxiaMotilityFactor: 1.8, hypoxiaThresholdMmHg: 0.05 } },
];

/** The largest change of pore size per µm between neighbouring grid cells. */
function poreGradient(env: Float32Array): number {
  let g = 0;
  for (let j = 0; j < NY; j++) {
    for (let i = 0; i < NX; i++) {
      const pore = env[8 * (j * NX + i) + 4];
      if (i + 1 < NX) g = Math.max(g, Math.abs(env[8 * (j * NX + i + 1) + 4] - pore) / H);
      if (j + 1 < NY) g = Math.max(g, Math.abs(env[8 * ((j + 1) * NX + i) + 4] - pore) / H);
    }
  }
  return g;
}

function prepare({ setting, seed, step, parameters }: Case) {
  const values = cellParamValues({ ...defaultParams(), ...RATES, ...parameters }, setting, {
    nx: NX, ny: NY, hMicrons: H, capacity: CAPACITY, seed, step, plasmaSmacNM: 50, nkCount: 0,
  });
  const env = environment();
  const cells = agents();
  const p = storedCellParams(values);
  const twins = Array.from({ length: CELLS }, (_, i) =>
    actTwin(p, env, cells.body.subarray(i * BODY_FLOATS, (i + 1) * BODY_FLOATS), cells.tag.subarray(i * TAG_WORDS, (i + 1) * TAG_WORDS), cells.killer[i] !== 0),
  );
  // Turn errors add up over the substeps; each substep's move carries the heading's error so far.
  const heading = (substeps: number) => substeps * (TRIG * NORMAL_MAX * p.walk_turn + HEADING_ROUNDING);
  /** Per coordinate, for a cell that walked `reach` µm in `substeps` substeps. */
  const position = (reach: number, substeps: number) => reach * (heading(substeps) + TRIG) + substeps * POSITION_ROUNDING;
  const gradient = poreGradient(env);
  const near = (d: Decision, t: { reach: number; substeps: number }) => {
    const gap = Math.abs(d.value - d.threshold);
    const moved = position(t.reach, t.substeps);
    // A squeeze's chance also carries the walked length's error: the speed's, and f32 cos and sin.
    if (d.kind === 'draw') return gap < NEAR_DRAW + (d.perMicron === undefined ? 0 : moved * d.perMicron + 2 * TRIG * d.threshold);
    if (d.kind === 'path') return gap < 2 * moved * gradient + NEAR_FIELD * Math.abs(d.threshold);
    if (d.kind === 'place') return gap < moved;
    return gap < NEAR_FIELD * Math.max(1, Math.abs(d.threshold));
  };
  const unsure = twins.map((t) => t.decisions.some((d) => near(d, t)));
  return { values, env, cells, twins, unsure, heading, position };
}

describe('one act step on the GPU', () => {
  const gpu = useGpu();

  for (const c of CASES) {
    it(`matches its CPU twin (${c.name})`, async () => {
      const g = gpu();
      const { values, env, cells, twins, unsure, heading, position } = prepare(c);
      const result = await scoped(g, () => runAct(g, { params: values, env, count: CELLS, ...cells, ledger: startLedger() }));
      const failures: string[] = [];
      twins.forEach((want, i) => {
        if (unsure[i]) return;
        const where = `cell ${i} (compartment ${cells.tag[i * TAG_WORDS + 1]})`;
        if (result.alive[i] !== Number(want.alive)) failures.push(`${where}: alive ${result.alive[i]}, twin ${want.alive}`);
        if (result.born[i] !== Number(want.born)) failures.push(`${where}: born ${result.born[i]}, twin ${want.born}`);
        const tag = Array.from(result.tag.subarray(i * TAG_WORDS, (i + 1) * TAG_WORDS));
        if (tag.join() !== want.tag.join()) failures.push(`${where}: tag ${tag}, twin ${want.tag}`);
        want.body.forEach((v, k) => {
          const got = result.body[i * BODY_FLOATS + k];
          const tolerance = k < 2 ? position(want.reach, want.substeps) : k === 2 ? heading(want.substeps) + HEADING_ROUNDING : RELATIVE * Math.max(1, Math.abs(v));
          if (!(Math.abs(got - v) <= tolerance)) failures.push(`${where}: body[${k}] ${got}, twin ${v} (±${tolerance.toExponential(1)})`);
        });
      });
      expect(failures.slice(0, 10)).toEqual([]);
      const skipped = unsure.filter(Boolean).length;
      expect(skipped).toBeLessThanOrEqual(CELLS / 100);
      // Slots past the live count only clear their flags.
      expect(Array.from(result.alive.subarray(CELLS)).every((a) => a === 0)).toBe(true);
      expect(Array.from(result.born.subarray(CELLS)).every((b) => b === 0)).toBe(true);
      // The counters and per-group tallies; a set-aside cell can move at most MOST_WORDS words.
      const ledger = new Array<number>(COUNTED_WORDS).fill(0);
      for (const t of twins) for (const word of t.ledger) ledger[word]++;
      const off = ledger.reduce((sum, v, w) => sum + (EXPECTED_WORDS.includes(w) ? 0 : Math.abs(v - result.ledger[w])), 0);
      expect(off).toBeLessThanOrEqual(MOST_WORDS * skipped);
      // The expected intravasations: each chance rounded to 2⁻²⁰ and within f32 error of the twin's;
      // a set-aside cell's chance can differ by up to 1.
      const expected = twins.reduce((sum, t) => sum + t.expectedIntravasation, 0);
      const got = parseLedger(result.ledger.buffer as ArrayBuffer, NY).expectedIntravasations - parseLedger(startLedger().buffer as ArrayBuffer, NY).expectedIntravasations;
      expect(expected).toBeGreaterThan(5);
      expect(Math.abs(got - expected)).toBeLessThanOrEqual(CELLS * (2 ** -21 + RELATIVE) + skipped);
      // The expected extravasations: each entering cell's chance to survive blood and lung.
      const entered = twins.filter((t) => t.expectedExtravasation > 0).length;
      const survival = twins.reduce((sum, t) => sum + t.expectedExtravasation, 0);
      const gotSurvival = parseLedger(result.ledger.buffer as ArrayBuffer, NY).expectedExtravasations;
      expect(Math.abs(gotSurvival - survival)).toBeLessThanOrEqual(entered * (2 ** -21 + RELATIVE) + skipped);
    });
  }

  it('exercises every branch in these cases (twin only)', () => {
    const fired = new Set<string>();
    for (const c of CASES) {
      const { cells, twins } = prepare(c);
      twins.forEach((t, i) => {
        for (const bounce of t.bounces) fired.add(bounce);
        const squeezed = t.tag[2] > cells.tag[i * TAG_WORDS + 2];
        if (t.reach > 0 && squeezed) fired.add('squeezed walking');
        const entered = cells.tag[i * TAG_WORDS + 1] === COMPARTMENT.tissue && t.tag[1] !== COMPARTMENT.tissue;
        if (entered) fired.add(squeezed ? 'squeezed entering' : 'entered unsqueezed');
        if (entered && t.expectedExtravasation > 0 && t.expectedExtravasation < 1) fired.add('chance to survive the circulation');
        if (entered && squeezed && c.parameters?.intravasationPrimes === 0) fired.add('squeezed entering with the switch off');
        for (const word of t.ledger) if (word < COUNTER_NAMES.length) fired.add(COUNTER_NAMES[word]);
        if (t.born) fired.add('born');
        if (cells.tag[i * TAG_WORDS + 1] === COMPARTMENT.held && t.tag[1] === COMPARTMENT.suspended) fired.add('released');
        const necrosis = t.decisions.find((d) => d.name === 'necrosis');
        if (necrosis && necrosis.threshold > 0 && t.decisions.some((d) => d.name === 'anoikis or entry' && d.threshold > necrosis.threshold)) fired.add('both hazards');
        if (cells.tag[i * TAG_WORDS + 1] === COMPARTMENT.suspended && t.decisions.some((d) => d.name === 'medium pulse' && d.value < d.threshold)) fired.add('dosed');
        const hypoxic = t.decisions.find((d) => d.name === 'hypoxic');
        if (hypoxic) fired.add(hypoxic.value < hypoxic.threshold ? 'hypoxic' : 'not hypoxic');
      });
    }
    const expected: (CounterName | 'born' | 'released' | 'dosed' | 'both hazards' | 'edge' | 'wall' | 'squeezed walking' | 'squeezed entering' | 'entered unsqueezed' | 'chance to survive the circulation' | 'hypoxic' | 'not hypoxic')[] = [
      'necrosis', 'anoikisTissue', 'anoikisSuspended', 'anoikisBlood', 'anoikisLung', 'nkTissue', 'nkBlood', 'squeezes',
      'intravasations', 'lungArrests', 'metastases', 'survivedWindow', 'extravasated',
      'intravasationsPrimed', 'extravasatedPrimed', 'metastasesPrimed', 'born', 'released', 'dosed', 'both hazards',
      'edge', 'wall', 'squeezed walking', 'squeezed entering', 'entered unsqueezed', 'chance to survive the circulation', 'hypoxic', 'not hypoxic',
    ];
    expect(expected.filter((what) => !fired.has(what))).toEqual([]);
    expect(fired.has('squeezed entering with the switch off')).toBe(false);
  });
});
