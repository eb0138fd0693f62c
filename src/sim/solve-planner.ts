// How much of a tolerance-stopped solve a step records: the stress solve's CG iterations, the
// oxygen solve's V-cycles. A solve stops on the GPU at its tolerance (shaders/lib/gate.wgsl), but
// work recorded and shut still costs its dispatches, so the count recorded follows what the
// solves needed: step n records what step n − 2's solve did plus a margin, at most the step's
// limit. Step n − 2, read back through a copy of the solve's log: its copy is mapped by the time
// step n is recorded unless the GPU has fallen two steps behind (then the CPU waits for it, which
// bounds how far ahead it records), and the count depends only on the run's own state, never on
// timing, so a run is the same on every repeat and after a checkpoint (which holds the log, and
// with it the last two solves' counts). A solve cut short by the count is flagged unconverged by
// its log, and the step after next records more.
import { readBuffer } from '../gpu/buffers.ts';

/** What a solve's log says the last two solves did. */
export type SolveCounts = (log: ArrayBuffer) => { last: number; previous: number };

export interface PlannerRule {
  /** The most to record on the first step (step 0) and on every later one. */
  limits: { first: number; warm: number };
  /** Recorded beyond what the solve two steps back did: how far the need may rise in two steps. */
  margin: number;
  counts: SolveCounts;
}

export class SolvePlanner {
  /** Step → iterations its solve did, as its log copy comes back. */
  private readonly done = new Map<number, Promise<number>>();
  private readonly free: GPUBuffer[] = [];
  private readonly all: GPUBuffer[] = [];
  private copied?: { step: number; buffer: GPUBuffer };

  constructor(private readonly device: GPUDevice, private readonly log: GPUBuffer, private readonly rule: PlannerRule) {}

  /** The count to record at `step` (0: the cold first solve). */
  async countFor(step: number): Promise<number> {
    const { limits, margin } = this.rule;
    if (step === 0) return limits.first;
    if (step === 1) return limits.warm;
    if (!this.done.has(step - 2)) await this.seed(step);
    const needed = await this.done.get(step - 2)!;
    for (const k of this.done.keys()) if (k < step - 2) this.done.delete(k);
    return Math.max(1, Math.min(limits.warm, needed + margin));
  }

  /** After `step`'s solve, in the step's encoder (outside a pass): a copy of the log to read back. */
  copy(encoder: GPUCommandEncoder, step: number): void {
    const buffer = this.free.pop() ?? this.staging();
    encoder.copyBufferToBuffer(this.log, 0, buffer, 0, this.log.size);
    this.copied = { step, buffer };
  }

  /** After the submission that holds copy(): starts its read-back. */
  submitted(): void {
    if (!this.copied) return;
    const { step, buffer } = this.copied;
    this.copied = undefined;
    const done = buffer.mapAsync(GPUMapMode.READ).then(() => {
      const { last } = this.rule.counts(buffer.getMappedRange().slice(0));
      buffer.unmap();
      this.free.push(buffer);
      return last;
    });
    // A read-back abandoned by destroy() is nobody's error; one a later step awaits still throws there.
    done.catch(() => {});
    this.done.set(step, done);
  }

  destroy(): void {
    for (const b of this.all) b.destroy();
  }

  /** No copy of step − 2 (a run resumed from a checkpoint): the log holds the last two solves'. */
  private async seed(step: number): Promise<void> {
    const { last, previous } = this.rule.counts(await readBuffer(this.device, this.log));
    this.done.set(step - 1, Promise.resolve(last));
    this.done.set(step - 2, Promise.resolve(previous));
  }

  private staging(): GPUBuffer {
    const buffer = this.device.createBuffer({ label: `${this.log.label}.readback[${this.all.length}]`, size: this.log.size, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST });
    this.all.push(buffer);
    return buffer;
  }
}
