// One dispatch of the act kernel (shaders/cells/act.wgsl) on agents and an environment grid
// given on the CPU, with no Simulation around it: the killer flags are given, the ledger starts
// as given (zero if not), and slots between the live count and the capacity start with their flags set so the
// test sees them cleared.
import type { CellRuleParams } from '../../src/cells/cell-params.ts';
import { agentCode, CELL_BINDINGS } from '../../src/cells/kernels.ts';
import { ledgerWords } from '../../src/cells/ledger.ts';
import { BODY_FLOATS, TAG_WORDS } from '../../src/cells/population.ts';
import { readBuffer, storageBuffer, storageFrom, uniformBuffer } from '../../src/gpu/buffers.ts';
import type { Gpu } from '../../src/gpu/device.ts';
import { Kernel, linearGroups } from '../../src/gpu/kernel.ts';
import { cellWgsl } from '../../src/gpu/shaders.ts';
import { packNamed } from '../../src/gpu/struct-layout.ts';
import { WG_1D } from '../../src/gpu/workgroup.ts';

export interface ActInput {
  /** CellParams values; `capacity` is the slot count, at least `count`. */
  params: CellRuleParams;
  /** Two vec4 per grid cell (layout in shaders/cells/agents.wgsl). */
  env: Float32Array;
  count: number;
  body: Float32Array;
  tag: Uint32Array;
  killer: Uint32Array;
  ledger?: Uint32Array;
}

export interface ActResult {
  body: Float32Array;
  tag: Uint32Array;
  alive: Uint32Array;
  born: Uint32Array;
  ledger: Uint32Array;
}

export async function runAct(gpu: Gpu, input: ActInput): Promise<ActResult> {
  const device = gpu.device;
  const capacity = input.params.capacity;
  const kernel = new Kernel(device, { label: 'ActProbe', code: agentCode(cellWgsl.act, true), bindings: CELL_BINDINGS.act });
  const padded = <T extends Float32Array | Uint32Array>(data: T, perSlot: number): T => {
    const all = new (data.constructor as new (length: number) => T)(capacity * perSlot);
    all.set(data.subarray(0, input.count * perSlot));
    return all;
  };
  const buffers = {
    params: uniformBuffer(device, 'ActProbe.params', packNamed(cellWgsl.agents, 'CellParams', input.params)),
    body: storageFrom(device, 'ActProbe.body', padded(input.body, BODY_FLOATS)),
    tag: storageFrom(device, 'ActProbe.tag', padded(input.tag, TAG_WORDS)),
    alive: storageFrom(device, 'ActProbe.alive', new Uint32Array(capacity).fill(1)),
    born: storageFrom(device, 'ActProbe.born', new Uint32Array(capacity).fill(1)),
    killer: storageFrom(device, 'ActProbe.killer', padded(input.killer, 1)),
    ledger: input.ledger ? storageFrom(device, 'ActProbe.ledger', input.ledger) : storageBuffer(device, 'ActProbe.ledger', ledgerWords(input.params.ny) * 4),
    env: storageFrom(device, 'ActProbe.env', input.env),
    census: storageFrom(device, 'ActProbe.census', new Uint32Array([input.count, 0, 0, input.count])),
  };
  const b = buffers;
  const encoder = device.createCommandEncoder({ label: 'ActProbe' });
  const pass = encoder.beginComputePass();
  const group = kernel.bind('probe', buffers);
  kernel.dispatch(pass, group, ...linearGroups(capacity, WG_1D));
  pass.end();
  device.queue.submit([encoder.finish()]);
  const result = {
    body: new Float32Array(await readBuffer(device, b.body)),
    tag: new Uint32Array(await readBuffer(device, b.tag)),
    alive: new Uint32Array(await readBuffer(device, b.alive)),
    born: new Uint32Array(await readBuffer(device, b.born)),
    ledger: new Uint32Array(await readBuffer(device, b.ledger)),
  };
  for (const buffer of Object.values(buffers)) buffer.destroy();
  return result;
}
