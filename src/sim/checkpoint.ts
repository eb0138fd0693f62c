// Checkpoints: a simulation's whole state in one file (io/checkpoint-file.ts), and a new
// simulation that goes on from it bit for bit on the same adapter. The state is the scenario as
// it runs (live parameter changes included), the clock, the CPU side of the drugs and the cells
// (BDF2 step counts, skip flags, capacity and parity, the capacity checks to come, every metrics
// sample so far) and every storage buffer, solver scratch included, keyed by its label. Uniform
// buffers are not saved: each is written from the scenario at build or from the parameters at
// every step, and the one that is not (the cells' rules) is rewritten for the last step taken.
import type { Gpu } from '../gpu/device.ts';
import { CheckpointError, decodeCheckpoint, encodeCheckpoint, SOFTWARE_VERSION, type StoredBlob } from '../io/checkpoint-file.ts';
import { parseScenario, type Scenario } from '../model/scenario.ts';
import type { DrugState } from '../solvers/transport/drug.ts';
import type { CellCouplingState } from './cell-coupling.ts';
import { Simulation } from './simulation.ts';

/** What a checkpoint's header holds besides the buffers. */
export interface SimulationState {
  /** The running scenario as scenario-file JSON (its empty blocks left out), which parseScenario reads back. */
  scenario: Record<string, unknown>;
  steps: number;
  timeMinutes: number;
  drugs: { smac: DrugState | null; softener: DrugState | null };
  cells: CellCouplingState | null;
}

/** Bytes copied into one staging buffer at most; a larger state is read back in several. */
const READ_BATCH_BYTES = 64 * 2 ** 20;

/**
 * The whole state of `sim`, as a checkpoint file's bytes. Take it between steps (after step()
 * resolved); it waits for the metrics samples and capacity checks in flight and changes nothing,
 * so a run with a capture in it is the run without.
 */
export async function captureCheckpoint(sim: Simulation): Promise<Uint8Array<ArrayBuffer>> {
  if (sim.stepping) throw new Error(`captureCheckpoint: step ${sim.steps} is being recorded; take a checkpoint between steps (await step() first)`);
  const cells = (await sim.cells?.checkpointState()) ?? null;
  const buffers = uniquelyLabelled(sim.stateBuffers());
  const data = await readAll(sim.gpu.device, buffers);
  const state: SimulationState = {
    scenario: scenarioJson(sim.scenario), steps: sim.steps, timeMinutes: sim.timeMinutes,
    drugs: { smac: sim.smac?.checkpointState() ?? null, softener: sim.softener?.checkpointState() ?? null },
    cells,
  };
  return encodeCheckpoint(state, buffers.map((b, i) => ({ name: b.label, bytes: data[i]! })));
}

/**
 * A new simulation on `gpu` in the state `bytes` hold: built from the checkpoint's scenario,
 * grown to its cell capacity, every buffer and counter put back. Throws CheckpointError naming
 * `source` for a damaged file, one from another version, or one that does not fit its scenario.
 */
export async function restoreCheckpoint(gpu: Gpu, bytes: Uint8Array, source = 'checkpoint'): Promise<Simulation> {
  const file = decodeCheckpoint(bytes, source);
  if (file.software !== SOFTWARE_VERSION) {
    throw new CheckpointError(`${source}: written by confine ${file.software}, this is ${SOFTWARE_VERSION}; a checkpoint resumes bit for bit only in the version that wrote it`);
  }
  const state = checkedState(file.state, source);
  const sim = new Simulation(gpu, parseScenario(state.scenario, `${source}: scenario`));
  try {
    sim.steps = state.steps;
    sim.timeMinutes = state.timeMinutes;
    restoreDrug(sim.smac, state.drugs.smac, 'smac', source);
    restoreDrug(sim.softener, state.drugs.softener, 'softener', source);
    if (!sim.cells !== !state.cells) throw new CheckpointError(`${source}: the scenario ${sim.cells ? 'has' : 'has no'} cells but the state ${state.cells ? 'has' : 'has none'}`);
    if (sim.cells && state.cells) {
      const nk = sim.cells.cells.nkCount;
      if (state.cells.nkCount !== nk) throw new CheckpointError(`${source}: it holds ${state.cells.nkCount} NK cells, but its scenario makes ${nk}`);
      sim.cells.restoreState(state.cells, state.steps, state.timeMinutes);
    }
    writeAll(sim, new Map(file.blobs.map((b) => [b.name, b])), source);
  } catch (error) {
    sim.destroy();
    throw error;
  }
  return sim;
}

/**
 * A validated scenario as the file format writes it: what a scenario leaves out (a block its
 * kind does not have, an optional value not given) is absent there and null here.
 */
export function scenarioJson(scenario: Scenario): Record<string, unknown> {
  return withoutNulls(scenario) as Record<string, unknown>;
}

function withoutNulls(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutNulls);
  if (typeof value !== 'object' || value === null) return value;
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== null).map(([k, v]) => [k, withoutNulls(v)]));
}

function restoreDrug(drug: { restoreState(s: DrugState): void } | undefined, state: DrugState | null, name: string, source: string): void {
  if (!drug !== !state) throw new CheckpointError(`${source}: the scenario ${drug ? 'has' : 'has no'} ${name} solve but the state ${state ? 'has' : 'has none'}`);
  if (drug && state) drug.restoreState(state);
}

/** The buffers once each, checked to have labels of their own (a checkpoint keys them by label). */
function uniquelyLabelled(buffers: GPUBuffer[]): GPUBuffer[] {
  const unique = [...new Set(buffers)];
  const seen = new Set<string>();
  const twice = new Set<string>();
  for (const b of unique) (seen.has(b.label) ? twice : seen).add(b.label);
  if (twice.size) throw new Error(`captureCheckpoint: storage buffers share the label(s) ${[...twice].map((l) => `"${l}"`).join(', ')}; each needs its own to be saved`);
  return unique;
}

/** Copies of every buffer's bytes, read back through as few staging buffers as the limits allow. */
async function readAll(device: GPUDevice, buffers: GPUBuffer[]): Promise<Uint8Array[]> {
  const limit = Math.min(READ_BATCH_BYTES, device.limits.maxBufferSize);
  const out: Uint8Array[] = [];
  for (let start = 0; start < buffers.length;) {
    let end = start;
    let bytes = 0;
    while (end < buffers.length && (end === start || bytes + buffers[end]!.size <= limit)) bytes += buffers[end++]!.size;
    const batch = buffers.slice(start, end);
    const staging = device.createBuffer({ label: 'Checkpoint.staging', size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    const encoder = device.createCommandEncoder({ label: 'Checkpoint.read' });
    let offset = 0;
    for (const b of batch) {
      encoder.copyBufferToBuffer(b, 0, staging, offset, b.size);
      offset += b.size;
    }
    device.queue.submit([encoder.finish()]);
    await staging.mapAsync(GPUMapMode.READ);
    const all = new Uint8Array(staging.getMappedRange().slice(0));
    staging.unmap();
    staging.destroy();
    offset = 0;
    for (const b of batch) {
      out.push(all.subarray(offset, offset + b.size));
      offset += b.size;
    }
    start = end;
  }
  return out;
}

/** Every storage buffer of `sim` from the blob of its label; any missing, extra or resized blob is an error. */
function writeAll(sim: Simulation, blobs: Map<string, StoredBlob>, source: string): void {
  const buffers = uniquelyLabelled(sim.stateBuffers());
  const problems: string[] = [];
  for (const b of buffers) {
    const blob = blobs.get(b.label);
    if (!blob) problems.push(`no data for ${b.label}`);
    else if (blob.byteLength !== b.size) problems.push(`${b.label} holds ${blob.byteLength} bytes, the simulation's has ${b.size}`);
  }
  const known = new Set(buffers.map((b) => b.label));
  for (const name of blobs.keys()) if (!known.has(name)) problems.push(`${name} is not a buffer of this simulation`);
  if (problems.length) {
    const shown = problems.slice(0, 5).join('; ') + (problems.length > 5 ? `; and ${problems.length - 5} more` : '');
    throw new CheckpointError(`${source}: its buffers do not fit the simulation its scenario builds: ${shown}`);
  }
  const device = sim.gpu.device;
  // The tails the file leaves out are zero; what the build wrote there is cleared.
  const clear = device.createCommandEncoder({ label: 'Checkpoint.clearTails' });
  for (const b of buffers) {
    const { bytes } = blobs.get(b.label)!;
    if (bytes.byteLength) device.queue.writeBuffer(b, 0, bytes.buffer, bytes.byteOffset, bytes.byteLength);
    if (bytes.byteLength < b.size) clear.clearBuffer(b, bytes.byteLength, b.size - bytes.byteLength);
  }
  device.queue.submit([clear.finish()]);
}

/** The header's state, its shape checked where a wrong value would otherwise surface later as nonsense. */
function checkedState(value: unknown, source: string): SimulationState {
  const s = value as Partial<SimulationState> | null;
  const fail = (what: string): never => {
    throw new CheckpointError(`${source}: header state.${what}`);
  };
  if (typeof s !== 'object' || s === null) return fail(' is missing');
  if (!Number.isInteger(s.steps) || s.steps! < 0) fail(`steps = ${s.steps} must be an integer ≥ 0`);
  if (!Number.isFinite(s.timeMinutes) || s.timeMinutes! < 0) fail(`timeMinutes = ${s.timeMinutes} must be a number ≥ 0`);
  if (typeof s.drugs !== 'object' || s.drugs === null) fail('drugs is missing');
  if (s.cells !== null && typeof s.cells !== 'object') fail('cells must be an object or null');
  return s as SimulationState;
}
