// The stress solve as the simulation sees it.
import type { Gpu } from '../gpu/device.ts';
import type { Scenario } from '../model/scenario.ts';
import type { World } from './world.ts';

export interface Mechanics {
  /** Per cell inputs: Young's modulus (kPa) and in-plane growth eigenstrain. */
  E: GPUBuffer;
  eigenstrain: GPUBuffer;
  /** Per cell outputs (kPa): compressive mean stress, von Mises, components. */
  pressure: GPUBuffer;
  vonMises: GPUBuffer;
  sxx: GPUBuffer;
  syy: GPUBuffer;
  sxy: GPUBuffer;
  /** Per grid node (x, y) displacement in µm. */
  displacement: GPUBuffer;
  solve(pass: GPUComputePassEncoder, first: boolean): void;
  destroy(): void;
}

export function createMechanics(_gpu: Gpu, _scenario: Scenario, _world: World): Mechanics {
  throw new Error('mechanics not yet available');
}
