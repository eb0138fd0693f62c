// What a stretch of recorded GPU work costs in commands, stage by stage: dispatches (direct and
// indirect), workgroups, compute passes, submissions, the bytes copied and uploaded, and the
// bytes the dispatches move as the cost model estimates them (kernel.ts, movedBytesOf). On a
// real GPU a step's time is set more by how many dispatches it records than by its arithmetic,
// and unlike a time a count is the same on every adapter, so a test can hold it.
//
// It counts at the WebGPU objects' prototypes, for as long as it is installed, so work that
// opens its own passes or submits its own encoders (solvers, the cells' capacity check) is
// counted too. One counter at a time per device.
import { movedBytesOf } from './kernel.ts';
import { OneEncoder } from './recorder.ts';

export interface WorkCount {
  dispatches: number;
  indirectDispatches: number;
  workgroups: number;
  /** Σ over dispatches of the bytes their bind group moves (movedBytesOf; 0 for groups made elsewhere). */
  movedBytes: number;
  passes: number;
  submissions: number;
  copies: number;
  copiedBytes: number;
  uploadedBytes: number;
}

export const emptyCount = (): WorkCount => ({
  dispatches: 0, indirectDispatches: 0, workgroups: 0, movedBytes: 0, passes: 0, submissions: 0, copies: 0, copiedBytes: 0, uploadedBytes: 0,
});

export function addCounts(a: WorkCount, b: WorkCount): WorkCount {
  const sum = emptyCount();
  for (const k of Object.keys(sum) as (keyof WorkCount)[]) sum[k] = a[k] + b[k];
  return sum;
}

type Method = (...args: never[]) => unknown;

/**
 * Counts into the stage named last by `stage`; `before` gathers what is recorded before the
 * first stage begins. uninstall() puts the prototypes back; call it in a finally.
 */
export class WorkCounter<S extends string> {
  readonly stages = new Map<S | 'before', WorkCount>();
  private current: S | 'before' = 'before';
  private readonly restore: (() => void)[] = [];

  constructor(device: GPUDevice) {
    const encoder = device.createCommandEncoder({ label: 'WorkCounter.probe' });
    const pass = encoder.beginComputePass();
    pass.end();
    encoder.finish();
    const count = () => {
      let c = this.stages.get(this.current);
      if (!c) this.stages.set(this.current, (c = emptyCount()));
      return c;
    };
    // Kernels bind everything at group 0 (kernel.ts), so its bytes are what the next dispatch moves.
    let bound = 0;
    this.patch(Object.getPrototypeOf(pass), 'setBindGroup', (index: number, group: GPUBindGroup | null) => {
      if (index === 0) bound = (group && movedBytesOf(group)) ?? 0;
    });
    this.patch(Object.getPrototypeOf(pass), 'dispatchWorkgroups', (x: number, y = 1, z = 1) => {
      const c = count();
      c.dispatches++;
      c.workgroups += x * y * z;
      c.movedBytes += bound;
    });
    this.patch(Object.getPrototypeOf(pass), 'dispatchWorkgroupsIndirect', () => {
      const c = count();
      c.dispatches++;
      c.indirectDispatches++;
      c.movedBytes += bound;
    });
    this.patch(Object.getPrototypeOf(encoder), 'beginComputePass', () => void count().passes++);
    this.patch(Object.getPrototypeOf(encoder), 'copyBufferToBuffer', (src: GPUBuffer, srcOffset: number, _dst: GPUBuffer, _dstOffset: number, size?: number) => {
      const c = count();
      c.copies++;
      c.copiedBytes += size ?? src.size - srcOffset;
    });
    this.patch(Object.getPrototypeOf(device.queue), 'submit', () => void count().submissions++);
    this.patch(Object.getPrototypeOf(device.queue), 'writeBuffer', (_b: GPUBuffer, _o: number, data: BufferSource, dataOffset = 0, size?: number) => {
      const bytesPerElement = ArrayBuffer.isView(data) && 'BYTES_PER_ELEMENT' in data ? (data as unknown as { BYTES_PER_ELEMENT: number }).BYTES_PER_ELEMENT : 1;
      const elements = size ?? (ArrayBuffer.isView(data) ? data.byteLength / bytesPerElement : data.byteLength) - dataOffset;
      count().uploadedBytes += elements * bytesPerElement;
    });
  }

  /** Work from here on counts towards `stage`. */
  stage(stage: S): void {
    this.current = stage;
  }

  /** Every stage's count added up. */
  get total(): WorkCount {
    return [...this.stages.values()].reduce(addCounts, emptyCount());
  }

  uninstall(): void {
    for (const undo of this.restore.splice(0).reverse()) undo();
  }

  private patch(proto: Record<string, Method>, name: string, tally: Method): void {
    const original = proto[name];
    if (typeof original !== 'function') return;
    proto[name] = function (this: unknown, ...args: never[]) {
      tally(...args);
      return original.apply(this, args);
    };
    this.restore.push(() => void (proto[name] = original));
  }
}

/**
 * One submission, like OneEncoder, that also tells `counter` where each stage begins: the step
 * recorded through it is the step as step() records it, counted.
 */
export class CountingRecorder<S extends string> extends OneEncoder<S> {
  constructor(device: GPUDevice, label: string, private readonly counter: WorkCounter<S>) {
    super(device, label);
  }

  override async begin(stage: S): Promise<void> {
    this.counter.stage(stage);
  }
}
