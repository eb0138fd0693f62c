// GPU time per stage of work recorded through a Recorder (recorder.ts).
//
// 'timestamp': the work stays one submission, its passes split at stage boundaries, and an
// empty compute pass at each boundary writes the GPU clock with endOfPassWriteIndex; stage k
// took t[k+1] − t[k]. Only end-of-pass writes are used: Dawn's Vulkan backend latches them at
// BOTTOM_OF_PIPE (after every earlier command) but beginning-of-pass writes at TOP_OF_PIPE, which
// may fire while the previous stage still runs. A boundary pass of its own also times work that
// opens passes we cannot give a descriptor to (inside solvers), and copies. Dawn may round
// timestamps (to tens of µs).
// 'wall' (no timestamp-query, or asked for): each stage is submitted on its own and timed from
// its submit to onSubmittedWorkDone, so it includes submission and callback latency.
import type { Gpu } from './device.ts';
import { OneEncoder, type Recorder } from './recorder.ts';

export type TimingMethod = 'timestamp' | 'wall';

export interface StageTimes<S extends string> {
  method: TimingMethod;
  /** The stages begun, in order. */
  stages: { stage: S; ms: number }[];
  /** From the start of the first stage to the end of the last ('wall': with the CPU time between stages). */
  totalMs: number;
}

export interface StageTimer<S extends string> extends Recorder<S> {
  readonly method: TimingMethod;
  /** After submit(): the stage times, once the GPU has done the work. Call once; it frees the timer. */
  result(): Promise<StageTimes<S>>;
}

/** A timer for at most `maxStages` stages; `method` defaults to timestamps where the device has them. */
export function stageTimer<S extends string>(gpu: Gpu, label: string, maxStages: number, method?: TimingMethod): StageTimer<S> {
  const chosen = method ?? (gpu.hasTimestamps ? 'timestamp' : 'wall');
  if (chosen === 'timestamp' && !gpu.hasTimestamps) throw new Error(`${label}: the device has no 'timestamp-query'; use the wall method`);
  return chosen === 'timestamp' ? new TimestampTimer<S>(gpu.device, label, maxStages) : new WallTimer<S>(gpu.device, label);
}

class TimestampTimer<S extends string> extends OneEncoder<S> implements StageTimer<S> {
  readonly method = 'timestamp';
  private readonly begun: S[] = [];
  private readonly querySet: GPUQuerySet;
  private readonly resolved: GPUBuffer;
  private readonly readback: GPUBuffer;

  constructor(device: GPUDevice, private readonly label: string, private readonly maxStages: number) {
    super(device, label);
    const bytes = 8 * (maxStages + 1);
    this.querySet = device.createQuerySet({ label: `${label}.timestamps`, type: 'timestamp', count: maxStages + 1 });
    this.resolved = device.createBuffer({ label: `${label}.resolved`, size: bytes, usage: GPUBufferUsage.QUERY_RESOLVE | GPUBufferUsage.COPY_SRC });
    this.readback = device.createBuffer({ label: `${label}.readback`, size: bytes, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
  }

  override async begin(stage: S): Promise<void> {
    checkNew(this.label, this.begun, stage);
    if (this.begun.length === this.maxStages) throw new Error(`${this.label}: more than ${this.maxStages} stages`);
    this.mark();
    this.begun.push(stage);
  }

  override submit(): void {
    this.mark();
    const encoder = this.encoder();
    const marks = this.begun.length + 1;
    encoder.resolveQuerySet(this.querySet, 0, marks, this.resolved, 0);
    encoder.copyBufferToBuffer(this.resolved, 0, this.readback, 0, 8 * marks);
    super.submit();
  }

  async result(): Promise<StageTimes<S>> {
    await this.readback.mapAsync(GPUMapMode.READ);
    const t = new BigUint64Array(this.readback.getMappedRange().slice(0, 8 * (this.begun.length + 1)));
    this.readback.destroy();
    this.resolved.destroy();
    this.querySet.destroy();
    for (let k = 1; k < t.length; k++) {
      if (t[k] < t[k - 1]) throw new Error(`${this.label}: GPU timestamps went backwards (${t.join(', ')} ns); no stage time can be read from them`);
    }
    const ms = (from: number, to: number) => Number(t[to] - t[from]) / 1e6;
    return { method: this.method, stages: this.begun.map((stage, k) => ({ stage, ms: ms(k, k + 1) })), totalMs: ms(0, t.length - 1) };
  }

  /** Timestamp number `begun.length`: everything recorded before it has finished on the GPU. */
  private mark(): void {
    const index = this.begun.length;
    this.encoder().beginComputePass({ label: `${this.label}.mark[${index}]`, timestampWrites: { querySet: this.querySet, endOfPassWriteIndex: index } }).end();
  }
}

class WallTimer<S extends string> extends OneEncoder<S> implements StageTimer<S> {
  readonly method = 'wall';
  private readonly begun: S[] = [];
  private readonly ms: number[] = [];
  private firstStart?: number;
  private lastDone = 0;
  private finished?: Promise<void>;

  constructor(device: GPUDevice, private readonly label: string) {
    super(device, label);
  }

  override async begin(stage: S): Promise<void> {
    checkNew(this.label, this.begun, stage);
    await this.flush();
    this.begun.push(stage);
    this.continueIn(this.device.createCommandEncoder({ label: `${this.label}.${stage}` }));
  }

  override submit(): void {
    this.finished = this.flush();
  }

  async result(): Promise<StageTimes<S>> {
    await this.finished;
    const totalMs = this.firstStart === undefined ? 0 : this.lastDone - this.firstStart;
    return { method: this.method, stages: this.begun.map((stage, k) => ({ stage, ms: this.ms[k] })), totalMs };
  }

  /**
   * Submits what was recorded since the last begin and waits for the queue to drain; the time
   * goes to that stage. Before the first stage it only drains, so earlier work is not counted.
   */
  private async flush(): Promise<void> {
    const start = performance.now();
    super.submit();
    await this.device.queue.onSubmittedWorkDone();
    if (this.begun.length === 0) return;
    this.firstStart ??= start;
    this.lastDone = performance.now();
    this.ms.push(this.lastDone - start);
  }
}

function checkNew<S extends string>(label: string, begun: readonly S[], stage: S): void {
  if (begun.includes(stage)) throw new Error(`${label}: stage '${stage}' begun twice`);
}
