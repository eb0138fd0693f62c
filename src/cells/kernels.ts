// The agent kernels' pipelines, built once per device. Each kernel's WGSL is the shared RNG,
// the agents' layout and rules, and its own file (src/gpu/shaders.ts).
import { Kernel, type KernelOf } from '../gpu/kernel.ts';
import { cellWgsl, compose, wgsl } from '../gpu/shaders.ts';
import { CompactionKernels } from './compaction.ts';

/** An agent kernel's WGSL: the shared RNG, layout, sampling where it reads the grid, rules, its own file. */
export function agentCode(own: string, sampled = false): string {
  const c = cellWgsl;
  return compose(wgsl.rng, c.agents, ...(sampled ? [c.sample] : []), c.rules, own);
}

const DENSITY = ['params', 'contact', 'across', 'density'] as const;

/** Each kernel's bindings, as its WGSL names them. */
export const CELL_BINDINGS = {
  act: ['params', 'body', 'tag', 'alive', 'born', 'killer', 'ledger', 'env', 'census'],
  deposit: ['params', 'body', 'tag', 'census', 'contact', 'link'],
  densityAlongX: DENSITY,
  densityAlongY: DENSITY,
  fields: ['params', 'po2', 'smac', 'pressure', 'von_mises', 'env'],
  matrix: ['params', 'ecm_base', 'capture', 'softening', 'perfusion', 'pressure', 'density', 'env'],
  scatter: ['params', 'src_body', 'src_tag', 'dst_body', 'dst_tag', 'survivor_slot', 'birth_rank', 'census'],
  census: ['params', 'census', 'ledger'],
  nk: ['params', 'nk_body', 'nk_tag', 'env', 'contact', 'link', 'killer', 'body', 'census'],
  nkTally: ['params', 'nk_body', 'nk_tag', 'killer'],
  metrics: ['params', 'body', 'tag', 'census', 'env', 'ledger'],
  metricsNk: ['params', 'nk_tag', 'ledger'],
  metricsGrid: ['params', 'env', 'capture', 'ledger'],
} as const;

type Bindings = typeof CELL_BINDINGS;

export class CellKernels {
  readonly act: KernelOf<Bindings['act']>;
  readonly deposit: KernelOf<Bindings['deposit']>;
  readonly densityAlongX: KernelOf<Bindings['densityAlongX']>;
  readonly densityAlongY: KernelOf<Bindings['densityAlongY']>;
  readonly fields: KernelOf<Bindings['fields']>;
  readonly matrix: KernelOf<Bindings['matrix']>;
  readonly scatter: KernelOf<Bindings['scatter']>;
  readonly census: KernelOf<Bindings['census']>;
  readonly nk: KernelOf<Bindings['nk']>;
  readonly nkTally: KernelOf<Bindings['nkTally']>;
  readonly metrics: KernelOf<Bindings['metrics']>;
  readonly metricsNk: KernelOf<Bindings['metricsNk']>;
  readonly metricsGrid: KernelOf<Bindings['metricsGrid']>;
  readonly compaction: CompactionKernels;

  constructor(readonly device: GPUDevice) {
    const c = cellWgsl;
    const make = <K extends keyof Bindings>(name: K, code: string, entryPoint = 'main') =>
      new Kernel(device, { label: `Cells.${name}`, code, entryPoint, bindings: CELL_BINDINGS[name] });
    this.act = make('act', agentCode(c.act, true));
    this.deposit = make('deposit', agentCode(c.deposit));
    this.densityAlongX = make('densityAlongX', c.density, 'along_x');
    this.densityAlongY = make('densityAlongY', c.density, 'along_y');
    this.fields = make('fields', c.fields);
    this.matrix = make('matrix', compose(wgsl.collagen, c.matrix));
    this.scatter = make('scatter', agentCode(c.scatter));
    this.census = make('census', agentCode(c.census));
    this.nk = make('nk', agentCode(c.nk, true));
    this.nkTally = make('nkTally', agentCode(c.nkTally));
    this.metrics = make('metrics', agentCode(c.metrics, true));
    this.metricsNk = make('metricsNk', agentCode(c.metricsNk));
    this.metricsGrid = make('metricsGrid', agentCode(c.metricsGrid));
    this.compaction = new CompactionKernels(device);
  }
}
