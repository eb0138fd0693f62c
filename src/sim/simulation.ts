// The simulation of one scenario: owns the GPU state and records one step at a time.
// Step order (README, "Model and numerics"): cells deposit → softener → material → stress → perfusion → oxygen →
// SMAC mimetic → cells act and compact → metrics. The softener goes first because softening
// integrates its level over the step (material.wgsl); its delivery meets the perfusion of the
// step before, which changes over hours to days. Each step is one submission; metrics come back
// through a ring of staging buffers, never awaited inside the loop. The step is recorded stage by
// stage through a Recorder so that a profiler can split and time it without a second copy of it.
import type { Gpu } from '../gpu/device.ts';
import { linearGroups } from '../gpu/kernel.ts';
import { OneEncoder, type Recorder } from '../gpu/recorder.ts';
import { isStorage, storageFrom, structUniform, writeF32 } from '../gpu/buffers.ts';
import { wgsl } from '../gpu/shaders.ts';
import { packNamed, scalarStruct } from '../gpu/struct-layout.ts';
import { withLiveParameters } from '../model/live-update.ts';
import type { Params } from '../model/params.ts';
import type { Scenario } from '../model/scenario.ts';
import { smacRegimen, softenerRegimen } from '../model/dosing.ts';
import { drugStepPlan } from '../solvers/transport/dose-substeps.ts';
import { MultigridKernels } from '../solvers/multigrid.ts';
import { Oxygen, oxygenKernel } from '../solvers/transport/oxygen.ts';
import { DotKernels } from '../gpu/dot.ts';
import { GateKernels } from '../gpu/gate.ts';
import { Drug, drugKernel, type DrugCoefficients } from '../solvers/transport/drug.ts';
import type { DrugSlot } from '../solvers/transport/vessel-field.ts';
import { vesselField, vesselRings } from '../solvers/transport/vessel-field.ts';
import { fieldKernels, type FieldKernels } from './field-kernels.ts';
import { Mechanics } from './mechanics.ts';
import { OXYGEN_CYCLES, OXYGEN_NEWTON, OXYGEN_PLAN, OXYGEN_TOLERANCE, type SolveMode } from './solve-mode.ts';
import { SolvePlanner } from './solve-planner.ts';
import { buildWorld, materialOf, type World } from './world.ts';
import { CellCoupling } from './cell-coupling.ts';
import { exchangeCoefficients, oxygenCoefficients, smacCoefficients, softenerCoefficients } from './solver-coefficients.ts';
import { WG_1D } from '../gpu/workgroup.ts';


/** A step's stages in the order it records them (README, "Model and numerics"). */
export const STEP_STAGES = ['deposit', 'material', 'stress', 'perfusion', 'transport', 'cells', 'compact', 'metrics'] as const;
export type StageName = (typeof STEP_STAGES)[number];

/** The steps a run of `p.durationDays` takes at `p.dtMinutes`. */
export function stepCountOf(p: Readonly<Params>): number {
  return Math.round((p.durationDays * 1440) / p.dtMinutes);
}

export interface SimulationOptions {
  /** How the stress is solved each step (mechanics.ts): to a tolerance (default) or fixed counts. */
  solves?: SolveMode;
}

export class Simulation {
  readonly world: World;
  readonly oxygen?: Oxygen;
  /** V-cycles each oxygen solve records, from what the solves have been needing (adaptive solves only). */
  private readonly oxygenPlanner?: SolvePlanner;
  readonly smac?: Drug;
  readonly softener?: Drug;
  readonly mechanics?: Mechanics;
  readonly cells?: CellCoupling;
  timeMinutes = 0;
  steps = 0;
  private readonly kernels: FieldKernels;
  private readonly materialGroup?: GPUBindGroup;
  private readonly perfusionGroup?: GPUBindGroup;
  private readonly materialParams?: GPUBuffer;
  private readonly perfusionParams?: GPUBuffer;
  private readonly owned: GPUBuffer[] = [];
  private readonly materialState?: { density: GPUBuffer; softening: GPUBuffer; collagen: GPUBuffer };
  private current: Scenario;
  private recording = false;

  constructor(readonly gpu: Gpu, scenario: Scenario, options: SimulationOptions = {}) {
    this.current = scenario;
    const device = gpu.device;
    const p = scenario.parameters;
    const physics = scenario.physics;
    this.world = buildWorld(scenario);
    const { nx, ny, hMicrons: h } = this.world;
    const cells = nx * ny;
    this.kernels = fieldKernels(device);
    const mg = new MultigridKernels(device);
    const keep = (b: GPUBuffer) => (this.owned.push(b), b);

    if (physics.oxygen || physics.smac || physics.softener) {
      const adaptive = (options.solves ?? 'adaptive') === 'adaptive';
      // The fixed path keeps every colour pass and transfer its own dispatch, as before tiles.
      const tiled = adaptive;
      const tolerance = adaptive
        ? { dots: new DotKernels(device), gates: new GateKernels(device), tolerance: OXYGEN_TOLERANCE }
        : undefined;
      this.oxygen = new Oxygen(mg, oxygenKernel(device), { label: 'Oxygen', nx, ny, hMicrons: h, tiled, ...oxygenCoefficients(scenario) }, tolerance);
      if (this.oxygen.log) this.oxygenPlanner = new SolvePlanner(device, this.oxygen.log, OXYGEN_PLAN);
      writeF32(device, this.oxygen.density, this.world.uptake);
      this.writeVesselField();
      writeF32(device, this.oxygen.perfusion, new Float32Array(cells).fill(1));
      writeF32(device, this.oxygen.pO2, new Float32Array(cells).fill(p.vesselWallPO2MmHg));
      const { vessel, perfusion } = this.oxygen;
      const drug = (label: string, slot: DrugSlot, coefficients: DrugCoefficients, exposure = false) =>
        new Drug(mg, drugKernel(device), { label, slot, nx, ny, hMicrons: h, exposure, tiled, ...coefficients }, vessel, perfusion);
      if (physics.smac) this.smac = drug('SMAC', 'smac', smacCoefficients(p));
      // Its exposure feeds softening, which only the material update (mechanics) reads.
      if (physics.softener) this.softener = drug('Softener', 'softener', softenerCoefficients(p), physics.mechanics);
    }

    if (physics.mechanics) {
      this.mechanics = new Mechanics(gpu, scenario, this.world, options.solves);
      if (!scenario.inclusion) {
        const density = this.oxygen?.density ?? keep(storageFrom(device, 'Material.density', this.world.density));
        const collagen = keep(storageFrom(device, 'Material.collagen', this.world.collagen));
        const softening = keep(storageFrom(device, 'Material.softening', new Float32Array(cells)));
        this.materialState = { density, softening, collagen };
        const growth = keep(storageFrom(device, 'Material.growth', new Float32Array(cells)));
        const exposure = this.softener?.exposure ?? keep(storageFrom(device, 'Material.noSoftener', new Float32Array(cells)));
        this.materialParams = keep(structUniform(device, 'Material.params', scalarStruct(wgsl.material, 'MaterialParams')));
        this.materialGroup = this.kernels.material.bind('tissue', {
          params: this.materialParams, density, laid_collagen: collagen, exposure, softening, growth, E: this.mechanics.E, eigenstrain: this.mechanics.eigenstrain,
        });
      }
      if (physics.perfusion && this.oxygen) {
        this.perfusionParams = keep(structUniform(device, 'Perfusion.params', scalarStruct(wgsl.perfusion, 'PerfusionParams')));
        this.perfusionGroup = this.kernels.perfusion.bind('tissue', { params: this.perfusionParams, pressure: this.mechanics.pressure, perfusion: this.oxygen.perfusion });
      }
    }
    if (physics.cells) {
      this.cells = new CellCoupling(gpu, scenario, this.world, {
        po2: this.oxygen?.pO2, smac: this.smac?.concentration, pressure: this.mechanics?.pressure,
        vonMises: this.mechanics?.elasticity.vonMises, density: this.materialState?.density ?? this.oxygen?.density,
        softening: this.materialState?.softening, collagen: this.materialState?.collagen, perfusion: this.oxygen?.perfusion,
      }, { stress: this.mechanics?.solveLog, oxygen: this.oxygen?.log });
    }
  }

  /** The scenario as it runs now: its parameters are the latest updateParameters() gave. */
  get scenario(): Scenario {
    return this.current;
  }

  get parameters(): Readonly<Params> {
    return this.current.parameters;
  }

  /**
   * Runs the steps from the next one on with `next`. Only 'live' keys may differ from the
   * present parameters; it throws (RebuildNeededError, or ScenarioError naming each value out of
   * its range) before changing anything. Every GPU input derived from a parameter is rewritten;
   * the state (cells, fields, softening, stored growth) carries on. Call it between steps, not
   * while a step() is pending.
   */
  updateParameters(next: Params): void {
    const before = this.current.parameters;
    this.current = withLiveParameters(this.current, next);
    const p = this.current.parameters;
    const device = this.gpu.device;
    Object.assign(this.world, materialOf(this.current, this.world));
    if (this.materialState) writeF32(device, this.materialState.collagen, this.world.collagen);
    this.mechanics?.setPoissonRatios(this.world.nu);
    if (this.oxygen) {
      this.oxygen.setParams(oxygenCoefficients(this.current));
      this.writeVesselField();
    }
    this.smac?.setCoefficients(smacCoefficients(p));
    this.softener?.setCoefficients(softenerCoefficients(p));
    if (p.dtMinutes !== before.dtMinutes) {
      this.smac?.restart();
      this.softener?.restart();
    }
    this.cells?.setScenario(this.current);
  }

  /**
   * The vessels' exchange with the tissue: it reads the diffusivities and wall permeabilities,
   * all live, so it is rewritten whenever the parameters change.
   */
  private writeVesselField(): void {
    const { nx, ny, hMicrons, vessels, exchange } = this.world;
    writeF32(this.gpu.device, this.oxygen!.vessel, vesselField(nx * ny, hMicrons, vessels, exchange, exchangeCoefficients(this.parameters)));
    writeF32(this.gpu.device, this.oxygen!.ring, vesselRings(nx * ny, vessels, exchange));
  }

  get dtMinutes(): number {
    return this.parameters.dtMinutes;
  }

  get stepCount(): number {
    return stepCountOf(this.parameters);
  }

  /**
   * Records and submits one step. It waits for the GPU only at a capacity check that finds the
   * GPU more than a few steps behind (cells.ts); otherwise it returns at once.
   */
  async step(): Promise<void> {
    await this.recordStep(new OneEncoder(this.gpu.device, `step ${this.steps}`));
  }

  /**
   * Records one step into `rec` stage by stage (STEP_STAGES order; a stage with nothing to do this
   * step is not begun), submits it and moves the clock on. step() records it as one submission;
   * profileStep (profile-step.ts) splits and times it.
   */
  async recordStep(rec: Recorder<StageName>): Promise<void> {
    this.recording = true;
    try {
      await this.encodeStep(rec);
    } finally {
      this.recording = false;
    }
  }

  /** True while a step is being recorded: its state is then half old, half new, and no checkpoint may be taken. */
  get stepping(): boolean {
    return this.recording;
  }

  private async encodeStep(rec: Recorder<StageName>): Promise<void> {
    const device = this.gpu.device;
    const p = this.parameters;
    const dt = this.dtMinutes;
    const cells = this.world.nx * this.world.ny;
    const next = this.timeMinutes + dt;
    if (this.materialParams) {
      device.queue.writeBuffer(this.materialParams, 0, packNamed(wgsl.material, 'MaterialParams', {
        cells, dt_days: dt / 1440, softening_rate: p.softenerRatePerDay, max_softening: p.softenerMaxSoftening,
        growth_rate: p.growthStrainRatePerDay, max_growth: p.maxGrowthStrain, normal_E: p.normalTissueStiffnessKPa,
        modulus_exponent: p.collagenModulusExponent,
      }));
    }
    if (this.perfusionParams) {
      device.queue.writeBuffer(this.perfusionParams, 0, packNamed(wgsl.perfusion, 'PerfusionParams', {
        cells, collapse_stress: p.vesselCollapseStressKPa, exponent: p.vesselCollapseExponent,
        recovery: 1 - Math.exp(-dt / (60 * p.perfusionRecoveryHours)),
      }));
    }
    if (this.cells) await this.cells.beforeFields(rec, this.steps, next);
    const softenerPlan = drugStepPlan(softenerRegimen(p), this.timeMinutes, next);
    // Material, stress, perfusion and oxygen share the 'fields' pass unless `rec` splits it.
    if (this.mechanics) {
      if (this.materialGroup) {
        await rec.begin('material');
        this.softener?.advance(rec.encoder(), softenerPlan);
        this.kernels.material.dispatch(rec.pass('fields'), this.materialGroup, ...linearGroups(cells, WG_1D));
      }
      await rec.begin('stress');
      this.mechanics.solve(rec.pass('fields'), await this.mechanics.iterationsFor(this.steps));
      if (this.perfusionGroup) {
        await rec.begin('perfusion');
        this.kernels.perfusion.dispatch(rec.pass('fields'), this.perfusionGroup, ...linearGroups(cells, WG_1D));
      }
    }
    if (this.oxygen) {
      await rec.begin('transport');
      // The first solve starts from a uniform field, far from the answer: it runs whole.
      const first = this.steps === 0;
      const newton = first ? OXYGEN_NEWTON.first : OXYGEN_NEWTON.warm;
      const recorded = this.oxygenPlanner ? await this.oxygenPlanner.countFor(this.steps) : newton * OXYGEN_CYCLES;
      this.oxygen.solve(rec.pass('fields'), newton, OXYGEN_CYCLES, !first, recorded);
      this.smac?.advance(rec.encoder(), drugStepPlan(smacRegimen(p), this.timeMinutes, next));
      if (!this.materialGroup) this.softener?.advance(rec.encoder(), softenerPlan);
    }
    await this.cells?.afterFields(rec, this.steps, next);
    this.mechanics?.afterSolve(rec.encoder(), this.steps);
    this.oxygenPlanner?.copy(rec.encoder(), this.steps);
    rec.submit();
    this.mechanics?.submitted();
    this.oxygenPlanner?.submitted();
    this.cells?.submitted();
    this.timeMinutes = next;
    this.steps++;
  }

  /** Every storage buffer of the simulation, its solvers' and cells' included: the GPU half of its state. */
  stateBuffers(): GPUBuffer[] {
    return [
      ...this.owned.filter(isStorage), ...(this.oxygen?.stateBuffers() ?? []), ...(this.smac?.stateBuffers() ?? []),
      ...(this.softener?.stateBuffers() ?? []), ...(this.mechanics?.stateBuffers() ?? []), ...(this.cells?.stateBuffers() ?? []),
    ];
  }

  destroy(): void {
    this.oxygen?.destroy();
    this.oxygenPlanner?.destroy();
    this.smac?.destroy();
    this.softener?.destroy();
    this.mechanics?.destroy();
    this.cells?.destroy();
    for (const b of this.owned) b.destroy();
  }
}
