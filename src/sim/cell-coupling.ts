// The cells as the Simulation sees them: built from the scenario's experiment, wired to the
// solvers' fields (or to constant fields where a physics is off), stepped around the field
// solves, and sampled every metrics interval through a readback ring.
import type { Gpu } from '../gpu/device.ts';
import { readBuffer, storageFrom, writeF32 } from '../gpu/buffers.ts';
import { ReadbackRing } from '../gpu/readback-ring.ts';
import type { Recorder } from '../gpu/recorder.ts';
import { plasmaMean, smacRegimen } from '../model/dosing.ts';
import type { Params } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { cellParamValues } from '../cells/cell-params.ts';
import { Cells, type CellInputs, type PendingCheck } from '../cells/cells.ts';
import { cellLimits, ecmBaseOf, experimentOf, type Experiment } from '../cells/experiments.ts';
import { cellsPerGridCell } from '../cells/initial.ts';
import { CellKernels } from '../cells/kernels.ts';
import { parseLedger, type LedgerSample } from '../cells/ledger.ts';
import { parseStressSolves } from './stress-solve-log.ts';
import { parseOxygenSolves } from './oxygen-solve-log.ts';
import { circulationCohort, type MetricsSample } from './cell-readouts.ts';
import { BODY_FLOATS, TAG_WORDS, type AgentArrays } from '../cells/population.ts';
import { captureFraction } from '../model/vessel-exchange.ts';
import type { World } from './world.ts';

export type { MetricsSample } from './cell-readouts.ts';

/** The CPU half of the cells' state, as a checkpoint keeps it (the GPU half is stateBuffers()). */
export interface CellCouplingState {
  capacity: number;
  parity: number;
  nkCount: number;
  liveAtLastCheck: number;
  pendingChecks: PendingCheck[];
  /** Every metrics sample delivered so far, so a resumed run's time series is whole. */
  samples: MetricsSample[];
}

/** Solver buffers the cells read where that physics is on. */
export type SolverFields = Partial<Record<'po2' | 'smac' | 'pressure' | 'vonMises' | 'density' | 'softening' | 'collagen' | 'perfusion', GPUBuffer>>;

/** The logs of the solves that stop at tolerances (solve-mode.ts), where there are such solves. */
export type SolveLogs = Partial<Record<'stress' | 'oxygen', GPUBuffer>>;

export class CellCoupling {
  readonly cells: Cells;
  /** What the run reads of its experiment; the placed agents are let go once uploaded. */
  readonly experiment: Pick<Experiment, 'setting' | 'ecmBase'>;
  readonly samples: MetricsSample[] = [];
  /** The deposited cell density the fields read (relative to full packing). */
  readonly density: GPUBuffer;
  /** Live cancer cells at the last capacity check (a few steps old). */
  liveAtLastCheck: number;
  private readonly ring: ReadbackRing<{ step: number; timeMinutes: number }>;
  /** The laid-down collagen, when this coupling owns it (else the material update's, which the simulation keeps). */
  private readonly ecmBase?: GPUBuffer;
  private metricsEvery: number;
  private readonly owned: GPUBuffer[] = [];
  /** Cancer cells that start in the blood or the lung (a tail-vein injection), and those of them primed. */
  private readonly initiallyCirculating: { all: number; primed: number };

  /** `solveLogs`: the stress and oxygen solves' logs (Mechanics.solveLog, Oxygen.log), read with every metrics sample. */
  constructor(private readonly gpu: Gpu, private scenario: Scenario, private readonly world: World, fields: SolverFields, private readonly solveLogs: SolveLogs = {}) {
    const device = gpu.device;
    const p = scenario.parameters;
    const { nx, ny } = world;
    const n = nx * ny;
    const { cancer, nk, circulating, ...experiment } = experimentOf(scenario, world, cellLimits(device));
    this.experiment = experiment;
    const constant = (label: string, value: number) => {
      const b = storageFrom(device, `Cells.${label}`, new Float32Array(n).fill(value));
      this.owned.push(b);
      return b;
    };
    // Per grid cell, the share of its area within the capture distance of a vessel's wall
    // (summed over vessels): a bilinear sample of it integrates to each vessel's capture area,
    // so the intravasation hazard per open vessel does not depend on h.
    const capture = captureFraction({ nx, ny, dxMicrons: world.hMicrons }, world.vessels, p.intravasationCaptureMicrons);
    const inputs: CellInputs = {
      po2: fields.po2 ?? constant('po2', p.vesselWallPO2MmHg),
      smac: fields.smac ?? constant('noSmac', 0),
      pressure: fields.pressure ?? constant('noPressure', 0),
      vonMises: fields.vonMises ?? constant('noVonMises', 0),
      density: fields.density ?? constant('density', 0),
      ecmBase: fields.collagen ?? storageFrom(device, 'Cells.ecmBase', this.experiment.ecmBase),
      capillary: storageFrom(device, 'Cells.capture', capture),
      softening: fields.softening ?? constant('noSoftening', 0),
      perfusion: fields.perfusion ?? constant('noPerfusion', 0),
    };
    this.owned.push(inputs.capillary);
    if (!fields.collagen) {
      this.owned.push(inputs.ecmBase);
      this.ecmBase = inputs.ecmBase;
    }
    this.density = inputs.density;
    this.liveAtLastCheck = cancer.count;
    this.cells = new Cells(new CellKernels(device), { nx, ny }, cancer, nk, inputs, cellsPerGridCell(p), p.densitySmoothingMicrons / p.dxMicrons);
    this.metricsEvery = metricsEvery(p);
    this.initiallyCirculating = circulating;
    const ledgerBytes = this.cells.ledger.size;
    const logBytes = this.logBuffers().reduce((n, b) => n + b.size, 0);
    this.ring = new ReadbackRing(device, 'Cells.metrics', ledgerBytes + logBytes, (data, tag) => {
      this.samples.push(this.sampleOf(tag.step, tag.timeMinutes, data));
    });
    // Valid from the start, so the view's cell states (primed, at risk) read the rules' thresholds
    // before the first step; every step writes its own before any rule runs.
    this.writeParams(0, 0);
  }

  /**
   * The scenario with new live parameters, from the next step on: the per-step uniforms read it,
   * and the metrics interval and the laid-down matrix follow it here.
   */
  setScenario(scenario: Scenario): void {
    this.scenario = scenario;
    this.metricsEvery = metricsEvery(scenario.parameters);
    if (this.ecmBase) writeF32(this.gpu.device, this.ecmBase, ecmBaseOf(scenario, this.world));
  }

  /** Capacity check, this step's parameters, and cells onto the grid. */
  async beforeFields(rec: Recorder<'deposit'>, step: number, timeMinutes: number): Promise<void> {
    await rec.begin('deposit');
    const checked = await this.cells.checkCapacity(rec.encoder(), step);
    rec.continueIn(checked.encoder);
    if (checked.live !== undefined) this.liveAtLastCheck = checked.live;
    this.writeParams(step, timeMinutes);
    this.cells.encodeDeposit(checked.encoder);
  }

  /** The rules' uniforms for a step ending at `timeMinutes`. */
  private writeParams(step: number, timeMinutes: number): void {
    const p = this.scenario.parameters;
    // The step's mean, not its end value: cells pass through the blood at any time in the step.
    const plasma = this.scenario.physics.smac ? plasmaMean(smacRegimen(p), timeMinutes - p.dtMinutes, timeMinutes) : 0;
    this.cells.writeParams(
      cellParamValues(p, this.experiment.setting, {
        nx: this.world.nx, ny: this.world.ny, hMicrons: this.world.hMicrons, capacity: this.cells.capacity,
        seed: this.scenario.seed, step, plasmaSmacNM: plasma, nkCount: this.cells.nkCount,
      }),
      { max_softening: p.softenerMaxSoftening, pore: p.poreSizeMicrons, pore_compression: p.poreCompressionKPa },
    );
  }

  /**
   * Fields → cells, compaction (in the act pass unless `rec` splits it), and a metrics sample when
   * one is due (after the step, at its end time).
   */
  async afterFields(rec: Recorder<'cells' | 'compact' | 'metrics'>, step: number, timeMinutes: number): Promise<void> {
    await rec.begin('cells');
    this.cells.encodeAct(rec.pass('Cells.act'));
    await rec.begin('compact');
    this.cells.encodeCompact(rec.pass('Cells.compact'));
    if ((step + 1) % this.metricsEvery === 0) {
      await rec.begin('metrics');
      const encoder = rec.encoder();
      this.cells.encodeMetrics(encoder);
      this.ring.recordAll(encoder, [this.cells.ledger, ...this.logBuffers()], { step: step + 1, timeMinutes });
    }
  }

  submitted(): void {
    this.cells.submitted();
    this.ring.submitted();
  }

  /** Every metrics sample recorded so far, delivered. */
  async drain(): Promise<MetricsSample[]> {
    await this.ring.drain();
    return this.samples;
  }

  /** Between steps: waits for every sample and capacity check in flight, then says where the cells are. */
  async checkpointState(): Promise<CellCouplingState> {
    await this.drain();
    return {
      capacity: this.cells.capacity, parity: this.cells.population.parity, nkCount: this.cells.nkCount,
      liveAtLastCheck: this.liveAtLastCheck, pendingChecks: await this.cells.pendingChecks(), samples: [...this.samples],
    };
  }

  /**
   * Puts a checkpoint's CPU state back into cells built from the same scenario, before their
   * buffers are written; `step` and `timeMinutes` are the clock it was taken at. The rules'
   * uniforms are those of the last step taken, as they were (a sample taken now reads them).
   */
  restoreState(state: CellCouplingState, step: number, timeMinutes: number): void {
    this.cells.restorePopulation(state.capacity, state.parity, state.pendingChecks);
    this.liveAtLastCheck = state.liveAtLastCheck;
    this.samples.length = 0;
    for (const s of state.samples) this.samples.push(s);
    if (step > 0) this.writeParams(step - 1, timeMinutes);
  }

  /** Every storage buffer of the cells and of the constant fields they read here (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    return [...this.owned, ...this.cells.stateBuffers()];
  }

  /** A sample of the present state, outside the metrics schedule (for the end of a run). */
  async sampleNow(step: number, timeMinutes: number): Promise<MetricsSample> {
    const encoder = this.gpu.device.createCommandEncoder({ label: 'Cells.sampleNow' });
    this.cells.encodeMetrics(encoder);
    this.gpu.device.queue.submit([encoder.finish()]);
    const buffers = [this.cells.ledger, ...this.logBuffers()];
    const parts = await Promise.all(buffers.map((b) => readBuffer(this.gpu.device, b)));
    return this.sampleFrom(step, timeMinutes, parts);
  }

  /** A metrics sample from the ring's bytes: the ledger, then the solves' logs (logBuffers() order). */
  private sampleOf(step: number, timeMinutes: number, data: ArrayBuffer): MetricsSample {
    let offset = 0;
    const parts = [this.cells.ledger, ...this.logBuffers()].map((b) => data.slice(offset, (offset += b.size)));
    return this.sampleFrom(step, timeMinutes, parts);
  }

  /** The logs there are: the stress solves', then the oxygen solves'. */
  private logBuffers(): GPUBuffer[] {
    const { stress, oxygen } = this.solveLogs;
    return [...(stress ? [stress] : []), ...(oxygen ? [oxygen] : [])];
  }

  private sampleFrom(step: number, timeMinutes: number, [ledger, ...logs]: ArrayBuffer[]): MetricsSample {
    const stress = this.solveLogs.stress ? parseStressSolves(logs.shift()!) : null;
    const oxygen = this.solveLogs.oxygen ? parseOxygenSolves(logs.shift()!) : null;
    return { ...this.withCohort(step, timeMinutes, parseLedger(ledger, this.world.ny)), stressSolves: stress, oxygenSolves: oxygen };
  }

  private withCohort(step: number, timeMinutes: number, ledger: LedgerSample): MetricsSample {
    const p = this.scenario.parameters;
    const circulation = p.circulationTransitHours * 60 + p.lungExtravasationDays * 1440;
    const history = [...this.samples, { timeMinutes, ledger }];
    const cutoff = timeMinutes - circulation;
    return {
      step, timeMinutes, ledger,
      circulationCohort: circulationCohort(history, cutoff, this.initiallyCirculating.all),
      circulationCohortPrimed: circulationCohort(history, cutoff, this.initiallyCirculating.primed, 'intravasationsPrimed'),
      cohortEntries: circulationCohort(history, cutoff, 0, 'intravasations'),
      cohortExpectedSurvivors: circulationCohort(history, cutoff, 0, (l) => l.expectedExtravasations),
    };
  }

  /** The live cancer cells and NK cells, read back (tests and exports; never inside the loop). */
  async readAgents(): Promise<{ cancer: AgentArrays; nk: { body: Float32Array; tag: Uint32Array } }> {
    const device = this.gpu.device;
    const pop = this.cells.population;
    const census = new Uint32Array(await readBuffer(device, pop.census));
    const count = census[3];
    const { body, tag } = pop.current();
    const cancer = {
      count,
      body: new Float32Array(count ? await readBuffer(device, body, count * BODY_FLOATS * 4) : new ArrayBuffer(0)),
      tag: new Uint32Array(count ? await readBuffer(device, tag, count * TAG_WORDS * 4) : new ArrayBuffer(0)),
      nextId: census[2],
    };
    const nk = this.cells.nkCount
      ? { body: new Float32Array(await readBuffer(device, this.cells.nkBody)), tag: new Uint32Array(await readBuffer(device, this.cells.nkTag)) }
      : { body: new Float32Array(0), tag: new Uint32Array(0) };
    return { cancer, nk };
  }

  destroy(): void {
    this.ring.destroy();
    this.cells.destroy();
    for (const b of this.owned) b.destroy();
  }
}

/** Steps between metrics samples. */
function metricsEvery(p: Params): number {
  return Math.max(1, Math.round(p.metricsIntervalMinutes / p.dtMinutes));
}
