// The cells of one simulation: cancer cells (a Population that grows its capacity ahead of
// need) and NK cells, their coupling to the grid, and their metrics. The Simulation decides the
// order: encodeDeposit before the field solves (cells → density), encodeAct and encodeCompact
// after them (fields → cells; the caller may give both one pass), encodeMetrics every metrics
// interval.
import { isStorage, storageBuffer, storageFrom, structUniform, uniformBuffer } from '../gpu/buffers.ts';
import { linearGroups } from '../gpu/kernel.ts';
import { cellWgsl } from '../gpu/shaders.ts';
import { packNamed, scalarStruct } from '../gpu/struct-layout.ts';
import type { CellRuleParams } from './cell-params.ts';
import type { CellKernels } from './kernels.ts';
import { ledgerWords, SAMPLE_WORD } from './ledger.ts';
import { maxCapacity, Population, type AgentArrays } from './population.ts';
import type { NkArrays } from './initial.ts';
import { WG_1D } from '../gpu/workgroup.ts';

/** Every this many steps the live count is checked (a few steps late) and capacity grown. */
export const CAPACITY_CHECK_STEPS = 4;
/** Capacity is kept at least this many times the live count at a check. */
const HEADROOM = 4;

/** The grid fields the cells read; `density` is what they write. */
export interface CellInputs {
  po2: GPUBuffer;
  smac: GPUBuffer;
  pressure: GPUBuffer;
  vonMises: GPUBuffer;
  ecmBase: GPUBuffer;
  capillary: GPUBuffer;
  softening: GPUBuffer;
  perfusion: GPUBuffer;
  density: GPUBuffer;
}

/** A capacity check to come: the step it runs at and the live count it will read. */
export interface PendingCheck {
  step: number;
  live: number;
}

export interface MatrixValues {
  max_softening: number;
  pore: number;
  pore_compression: number;
}

export class Cells {
  population: Population;
  readonly nkCount: number;
  readonly nkBody: GPUBuffer;
  readonly nkTag: GPUBuffer;
  readonly ledger: GPUBuffer;
  readonly env: GPUBuffer;
  readonly contact: GPUBuffer;
  readonly params: GPUBuffer;
  private readonly fieldsParams: GPUBuffer;
  private readonly matrixParams: GPUBuffer;
  private readonly densityParams: GPUBuffer;
  private readonly groups: Record<'densityAlongX' | 'densityAlongY' | 'fields' | 'matrix' | 'metricsGrid' | 'metricsNk', GPUBindGroup>;
  private nkGroups: { patrol: GPUBindGroup[]; tally: GPUBindGroup };
  private readonly gridCells: number;
  private readonly owned: GPUBuffer[] = [];
  /** Census copies encoded at a capacity check and not yet submitted. */
  private unsubmitted: { step: number; staging: GPUBuffer }[] = [];
  /** Submitted census copies: the live count each check will read, once mapped. */
  private probes: { step: number; live: Promise<number> }[] = [];
  /** Staging buffers already read, reused by later probes; `staging` holds every one made. */
  private readonly spareStaging: GPUBuffer[] = [];
  private readonly staging: GPUBuffer[] = [];

  constructor(
    private readonly kernels: CellKernels,
    readonly grid: { nx: number; ny: number },
    cancer: AgentArrays,
    nk: NkArrays,
    inputs: CellInputs,
    cellsPerGrid: number,
    /** σ of the density's smoothing in grid cells (density.wgsl). */
    densitySigmaCells: number,
  ) {
    const device = kernels.device;
    const { nx, ny } = grid;
    this.gridCells = nx * ny;
    const keep = (b: GPUBuffer) => (this.owned.push(b), b);
    this.params = keep(structUniform(device, 'Cells.params', scalarStruct(cellWgsl.agents, 'CellParams')));
    this.ledger = keep(storageBuffer(device, 'Cells.ledger', ledgerWords(ny) * 4));
    this.env = keep(storageBuffer(device, 'Cells.env', this.gridCells * 32));
    this.contact = keep(storageBuffer(device, 'Cells.contact', this.gridCells * 8));
    this.nkCount = nk.count;
    this.nkBody = keep(storageFrom(device, 'Cells.nkBody', nk.count ? nk.body : new Float32Array(4)));
    this.nkTag = keep(storageFrom(device, 'Cells.nkTag', nk.count ? nk.tag : new Uint32Array(4)));
    this.fieldsParams = keep(uniformBuffer(device, 'Cells.fieldsParams', packNamed(cellWgsl.fields, 'FieldsParams', { cells: this.gridCells })));
    this.matrixParams = keep(structUniform(device, 'Cells.matrixParams', scalarStruct(cellWgsl.matrix, 'MatrixParams')));
    this.densityParams = keep(uniformBuffer(device, 'Cells.densityParams', packNamed(cellWgsl.density, 'DensityParams', {
      nx, ny, cells_per_grid: cellsPerGrid, sigma_cells: densitySigmaCells, radius: Math.ceil(3 * densitySigmaCells),
    })));
    const across = keep(storageBuffer(device, 'Cells.densityAcross', this.gridCells * 4));
    const k = kernels;
    const i = inputs;
    const density = { params: this.densityParams, contact: this.contact, across, density: i.density };
    this.groups = {
      densityAlongX: k.densityAlongX.bind('cells', density),
      densityAlongY: k.densityAlongY.bind('cells', density),
      fields: k.fields.bind('cells', { params: this.fieldsParams, po2: i.po2, smac: i.smac, pressure: i.pressure, von_mises: i.vonMises, env: this.env }),
      matrix: k.matrix.bind('cells', {
        params: this.matrixParams, ecm_base: i.ecmBase, capture: i.capillary, softening: i.softening, perfusion: i.perfusion,
        pressure: i.pressure, density: i.density, env: this.env,
      }),
      metricsGrid: k.metricsGrid.bind('cells', { params: this.params, env: this.env, capture: i.capillary, ledger: this.ledger }),
      metricsNk: k.metricsNk.bind('cells', { params: this.params, nk_tag: this.nkTag, ledger: this.ledger }),
    };
    const capacity = Math.min(maxCapacity(device), Math.max(1024, nextPowerOfTwo(HEADROOM * cancer.count)));
    this.population = this.makePopulation(Math.max(capacity, cancer.count));
    this.population.upload(cancer);
    this.nkGroups = this.bindNk();
  }

  private makePopulation(capacity: number): Population {
    return new Population(this.kernels, 'Cancer', capacity, { params: this.params, ledger: this.ledger, env: this.env, contact: this.contact });
  }

  private bindNk(): { patrol: GPUBindGroup[]; tally: GPUBindGroup } {
    const k = this.kernels;
    const pop = this.population;
    return {
      patrol: [0, 1].map((p) => k.nk.bind(`NK[${p}]`, {
        params: this.params, nk_body: this.nkBody, nk_tag: this.nkTag, env: this.env, contact: this.contact,
        link: pop.link, killer: pop.killer, body: pop.body[p], census: pop.census,
      })),
      tally: k.nkTally.bind('NK', { params: this.params, nk_body: this.nkBody, nk_tag: this.nkTag, killer: pop.killer }),
    };
  }

  get capacity(): number {
    return this.population.capacity;
  }

  writeParams(values: CellRuleParams, matrix: MatrixValues): void {
    const q = this.kernels.device.queue;
    q.writeBuffer(this.params, 0, packNamed(cellWgsl.agents, 'CellParams', { ...values, capacity: this.capacity, nk_count: this.nkCount }));
    q.writeBuffer(this.matrixParams, 0, packNamed(cellWgsl.matrix, 'MatrixParams', { cells: this.gridCells, ...matrix }));
  }

  /** Cells onto the grid: density, and the cell each NK cell may attack. */
  encodeDeposit(encoder: GPUCommandEncoder): void {
    encoder.clearBuffer(this.contact);
    encoder.clearBuffer(this.population.killer);
    const pass = encoder.beginComputePass({ label: 'Cells.deposit' });
    this.population.encodeDeposit(pass);
    this.kernels.densityAlongX.dispatch(pass, this.groups.densityAlongX, ...linearGroups(this.gridCells, WG_1D));
    this.kernels.densityAlongY.dispatch(pass, this.groups.densityAlongY, ...linearGroups(this.gridCells, WG_1D));
    pass.end();
  }

  /** Fields → cells: environment, NK patrol, every cancer cell's rules; compaction follows. */
  encodeAct(pass: GPUComputePassEncoder): void {
    const k = this.kernels;
    const grid = linearGroups(this.gridCells, WG_1D);
    k.fields.dispatch(pass, this.groups.fields, ...grid);
    k.matrix.dispatch(pass, this.groups.matrix, ...grid);
    if (this.nkCount > 0) k.nk.dispatch(pass, this.nkGroups.patrol[this.population.parity], ...linearGroups(this.nkCount, WG_1D));
    this.population.encodeAct(pass);
    if (this.nkCount > 0) k.nkTally.dispatch(pass, this.nkGroups.tally, ...linearGroups(this.nkCount, WG_1D));
  }

  /** The dead removed and the newborn appended; the other parity becomes current. */
  encodeCompact(pass: GPUComputePassEncoder): void {
    this.population.encodeCompact(pass);
  }

  /** One metrics sample into the ledger (the caller copies it out). */
  encodeMetrics(encoder: GPUCommandEncoder): void {
    encoder.clearBuffer(this.ledger, SAMPLE_WORD * 4);
    const pass = encoder.beginComputePass({ label: 'Cells.metrics' });
    this.population.encodeMetrics(pass);
    if (this.nkCount > 0) this.kernels.metricsNk.dispatch(pass, this.groups.metricsNk, ...linearGroups(this.nkCount, WG_1D));
    this.kernels.metricsGrid.dispatch(pass, this.groups.metricsGrid, ...linearGroups(this.grid.ny, WG_1D));
    pass.end();
  }

  /**
   * Capacity, decided from the census `CAPACITY_CHECK_STEPS` steps ago so the choice (and so the
   * run) does not depend on when the readback arrives; waits only if the GPU is that far behind.
   * Returns the live count that check saw, or undefined between checks.
   */
  async checkCapacity(encoder: GPUCommandEncoder, step: number): Promise<{ encoder: GPUCommandEncoder; live?: number }> {
    if (step % CAPACITY_CHECK_STEPS !== 0) return { encoder };
    const device = this.kernels.device;
    let live: number | undefined;
    const due = this.probes.findIndex((p) => p.step === step - CAPACITY_CHECK_STEPS);
    if (due >= 0) {
      live = await this.probes.splice(due, 1)[0].live;
      if (live * 2 > this.capacity) encoder = this.grow(encoder, live);
    }
    let staging = this.spareStaging.pop();
    if (!staging) {
      staging = device.createBuffer({ label: 'Cells.census', size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
      this.staging.push(staging);
    }
    encoder.copyBufferToBuffer(this.population.census, 0, staging, 0, 16);
    this.unsubmitted.push({ step, staging });
    return { encoder, live };
  }

  /** Call after submitting the encoder that checkCapacity returned. */
  submitted(): void {
    for (const { step, staging } of this.unsubmitted) {
      const live = this.readLive(staging);
      // A sim destroyed with a read in flight is never asked for it; only a check awaits it.
      live.catch(() => undefined);
      this.probes.push({ step, live });
    }
    this.unsubmitted = [];
  }

  private async readLive(staging: GPUBuffer): Promise<number> {
    await staging.mapAsync(GPUMapMode.READ);
    const live = new Uint32Array(staging.getMappedRange())[3];
    staging.unmap();
    this.spareStaging.push(staging);
    return live;
  }

  /** The capacity checks still to come and what they will read (checkpoints; between steps only). */
  async pendingChecks(): Promise<PendingCheck[]> {
    if (this.unsubmitted.length) throw new Error('Cells: a capacity check was encoded but not submitted; checkpoint between steps');
    return Promise.all(this.probes.map(async (p) => ({ step: p.step, live: await p.live })));
  }

  /**
   * A checkpoint's population: its capacity (grown here if the run had grown it) and parity, and
   * the checks still to come. The agents' buffers are written afterwards, by label.
   */
  restorePopulation(capacity: number, parity: number, checks: readonly PendingCheck[]): void {
    if (capacity !== this.capacity) {
      const old = this.population;
      this.population = this.makePopulation(capacity);
      old.destroy();
      this.nkGroups = this.bindNk();
    }
    this.population.parity = parity;
    this.probes = checks.map(({ step, live }) => ({ step, live: Promise.resolve(live) }));
  }

  /** Every storage buffer of the cells, the population's included (checkpoints save them). */
  stateBuffers(): GPUBuffer[] {
    // The contact grid's lists are rebuilt each step before they are read (population.ts).
    return [...this.owned.filter((b) => isStorage(b) && b !== this.contact), ...this.population.stateBuffers()];
  }

  private grow(encoder: GPUCommandEncoder, live: number): GPUCommandEncoder {
    const device = this.kernels.device;
    const ceiling = maxCapacity(device);
    const wanted = Math.max(2 * this.capacity, nextPowerOfTwo(HEADROOM * live));
    const capacity = Math.min(wanted, ceiling);
    if (capacity <= this.capacity) return encoder;
    const old = this.population;
    const next = this.makePopulation(capacity);
    next.copyFrom(encoder, old);
    device.queue.submit([encoder.finish()]);
    old.destroy();
    this.population = next;
    this.nkGroups = this.bindNk();
    return device.createCommandEncoder({ label: 'Cells.grown' });
  }

  destroy(): void {
    this.population.destroy();
    for (const b of this.owned) b.destroy();
    for (const b of this.staging) b.destroy();
  }
}

function nextPowerOfTwo(n: number): number {
  return 2 ** Math.ceil(Math.log2(Math.max(1, n)));
}
