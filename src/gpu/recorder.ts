// Where a sequence of GPU work goes, stage by stage. The work asks for the encoder or a compute
// pass and says when a new stage begins; the recorder decides where passes end and what is
// submitted when. So the same recording code runs as one submission (OneEncoder, the step
// loop) or split and timed at stage boundaries (profiler.ts).

export interface Recorder<S extends string> {
  /** The work recorded from here on belongs to `stage`; each stage is begun at most once. */
  begin(stage: S): Promise<void>;
  /** The command encoder, for copies, clears and work that opens its own passes; ends an open pass. */
  encoder(): GPUCommandEncoder;
  /** The compute pass open now, or a new one labelled `label`. */
  pass(label: string): GPUComputePassEncoder;
  /** Go on recording into `encoder` (work that had to submit the old one hands over a new one). */
  continueIn(encoder: GPUCommandEncoder): void;
  /** Ends what is open and submits what is left. */
  submit(): void;
}

/** Everything into one encoder and one submission; consecutive pass work shares a pass. */
export class OneEncoder<S extends string> implements Recorder<S> {
  protected current: GPUCommandEncoder;
  private open?: GPUComputePassEncoder;

  constructor(protected readonly device: GPUDevice, label: string) {
    this.current = device.createCommandEncoder({ label });
  }

  async begin(_stage: S): Promise<void> {}

  encoder(): GPUCommandEncoder {
    this.open?.end();
    this.open = undefined;
    return this.current;
  }

  pass(label: string): GPUComputePassEncoder {
    return (this.open ??= this.current.beginComputePass({ label }));
  }

  continueIn(encoder: GPUCommandEncoder): void {
    this.current = encoder;
  }

  submit(): void {
    this.device.queue.submit([this.encoder().finish()]);
  }
}
