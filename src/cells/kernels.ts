// The agent kernels' pipelines, built once per device. Each kernel's WGSL is the shared RNG,
// the agents' layout and rules, and its own file (src/gpu/shaders.ts).
import { Kernel, type BindingKind } from '../gpu/kernel.ts';
import { cellWgsl, compose, wgsl } from '../gpu/shaders.ts';
import { CompactionKernels } from './compaction.ts';

const U: BindingKind = 'uniform';
const R: BindingKind = 'read-only-storage';
const S: BindingKind = 'storage';

/** An agent kernel's WGSL: the shared RNG, layout, sampling where it reads the grid, rules, its own file. */
export function agentCode(own: string, sampled = false): string {
  const c = cellWgsl;
  return compose(wgsl.rng, c.agents, ...(sampled ? [c.sample] : []), c.rules, own);
}

export class CellKernels {
  readonly act: Kernel;
  readonly deposit: Kernel;
  readonly densityAlongX: Kernel;
  readonly densityAlongY: Kernel;
  readonly fields: Kernel;
  readonly matrix: Kernel;
  readonly scatter: Kernel;
  readonly census: Kernel;
  readonly nk: Kernel;
  readonly nkTally: Kernel;
  readonly metrics: Kernel;
  readonly metricsNk: Kernel;
  readonly metricsGrid: Kernel;
  readonly compaction: CompactionKernels;

  constructor(readonly device: GPUDevice) {
    const c = cellWgsl;
    const make = (label: string, code: string, bindings: BindingKind[], entryPoint = 'main') =>
      new Kernel(device, { label: `Cells.${label}`, code, entryPoint, bindings });
    this.act = make('act', agentCode(c.act, true), [U, S, S, S, S, R, S, R, R]);
    this.deposit = make('deposit', agentCode(c.deposit), [U, R, R, R, S, S]);
    this.densityAlongX = make('densityAlongX', c.density, [U, R, S, S], 'along_x');
    this.densityAlongY = make('densityAlongY', c.density, [U, R, S, S], 'along_y');
    this.fields = make('fields', c.fields, [U, R, R, R, R, S]);
    this.matrix = make('matrix', compose(wgsl.collagen, c.matrix), [U, R, R, R, R, R, R, S]);
    this.scatter = make('scatter', agentCode(c.scatter), [U, R, R, S, S, R, R, R]);
    this.census = make('census', agentCode(c.census), [U, S, S]);
    this.nk = make('nk', agentCode(c.nk, true), [U, S, S, R, R, R, S, R, R]);
    this.nkTally = make('nkTally', agentCode(c.nkTally), [U, S, S, R]);
    this.metrics = make('metrics', agentCode(c.metrics, true), [U, R, R, R, R, S]);
    this.metricsNk = make('metricsNk', agentCode(c.metricsNk), [U, R, S]);
    this.metricsGrid = make('metricsGrid', agentCode(c.metricsGrid), [U, R, R, S]);
    this.compaction = new CompactionKernels(device);
  }
}
