// The running picture: the frame loop (steps, then a draw), the view of the tissue with its
// legend, scale bar and clock, the readouts and the plots; and the restart after device loss.
// The loop waits for the GPU once a frame, so the queue never runs ahead of what is shown.
import type { Scenario } from '../model/scenario.ts';
import { metricsRow, metricsColumns } from '../sim/cell-readouts.ts';
import type { Banner } from './banner.ts';
import { clockText } from './clock.ts';
import { Plots } from './plots.ts';
import { ReadoutsTable } from './readouts-table.ts';
import type { Runner } from './runner.ts';
import { therapyPeriods, type TherapyPeriod } from './therapy-periods.ts';
import type { AppState } from './url-state.ts';
import { Camera } from './view/camera.ts';
import { attachCameraInput } from './view/camera-input.ts';
import { drawLegend } from './view/legend.ts';
import { showScaleBar } from './view/scale-bar.ts';
import { TissueView } from './view/tissue-view.ts';

/** The page elements the picture draws into. */
export interface DisplayElements {
  canvas: HTMLCanvasElement;
  clock: HTMLElement;
  legend: HTMLCanvasElement;
  scaleBar: HTMLElement;
  readouts: HTMLTableElement;
  plots: HTMLElement;
}

export interface DisplayHooks {
  fieldsChanged(names: string[], units: Record<string, string>): string;
  rangeShown(range: readonly [number, number]): void;
  playingChanged(playing: boolean): void;
}

export class Display {
  playing = true;
  /** Frames drawn and steps taken since the page loaded (read by the browser benchmark). */
  frames = 0;
  stepsTaken = 0;
  private view!: TissueView;
  private context!: GPUCanvasContext;
  private readonly format = navigator.gpu.getPreferredCanvasFormat();
  private readonly camera = new Camera();
  private readonly plots: Plots;
  private readonly readouts: ReadoutsTable;
  private single = false;
  private samplesShown = 0;
  private recovering = false;
  private pauseAtReached = false;
  private nonFiniteSeen = false;
  private readonly columns = metricsColumns().map((c) => c.name);

  constructor(private readonly el: DisplayElements, readonly runner: Runner, private readonly state: AppState, private readonly banner: Banner, private readonly hooks: DisplayHooks) {
    this.plots = new Plots(el.plots);
    this.readouts = new ReadoutsTable(el.readouts);
    attachCameraInput(el.canvas, this.camera);
    new ResizeObserver(() => this.resize()).observe(el.canvas);
  }

  begin(scenario: Scenario): void {
    this.configure();
    this.newRun(scenario);
    requestAnimationFrame(() => void this.frame());
  }

  /** A new run; if it cannot be built (it throws), the running one is left as it was. */
  restart(scenario: Scenario): void {
    this.runner.rebuild(scenario);
    this.view.destroy();
    this.newRun(scenario);
  }

  /** Goes on from a checkpoint's state; a file that cannot be loaded throws and the running run goes on. */
  loadCheckpoint(bytes: Uint8Array, source: string): Promise<void> {
    return this.runner.loadCheckpoint(bytes, source, () => {
      this.view.destroy();
      this.newRun(this.runner.sim.scenario);
    });
  }

  private configure(): void {
    this.context = this.el.canvas.getContext('webgpu')!;
    this.context.configure({ device: this.runner.gpu.device, format: this.format, alphaMode: 'opaque' });
  }

  private newRun(scenario: Scenario): void {
    this.view = new TissueView(this.runner.gpu.device, this.format, this.runner.sim);
    const units = Object.fromEntries(this.view.fields.map((f) => [f.name, f.unit]));
    this.state.view.field = this.hooks.fieldsChanged(this.view.fields.map((f) => f.name), units);
    this.applyView();
    const { nx, ny, hMicrons } = this.runner.sim.world;
    this.camera.fit(nx * hMicrons, ny * hMicrons);
    this.resize();
    this.plots.reset(therapyPeriods(scenario.parameters), scenario.parameters.durationDays);
    this.readouts.clear();
    this.samplesShown = 0;
    this.pauseAtReached = false;
    this.nonFiniteSeen = false;
    this.setPlaying(true);
  }

  applyView(): void {
    const v = this.state.view;
    if (v.field) this.view.setField(v.field);
    this.view.setColorMap(v.colorMap);
    this.view.setRange(v.range ?? 'auto');
    this.view.setLayers(v.layers);
  }

  setTherapy(periods: TherapyPeriod[]): void {
    this.plots.setTherapy(periods, this.runner.sim.parameters.durationDays);
  }

  /** A new stop day counts even if an earlier one was already reached. */
  stopAtChanged(): void {
    this.pauseAtReached = false;
  }

  togglePlay(): void {
    // Play at or past the stop day means "go on from here".
    if (!this.playing && this.pauseDue()) this.pauseAtReached = true;
    this.setPlaying(!this.playing);
  }

  stepOnce(): void {
    this.setPlaying(false);
    this.single = true;
  }

  private setPlaying(playing: boolean): void {
    this.playing = playing;
    this.hooks.playingChanged(playing);
  }

  /** A GPU error: the run stops where it is and says why. */
  fail(message: string): void {
    this.setPlaying(false);
    this.banner.error(`${message}\nThe run is paused; Reset starts it again.`);
  }

  async recover(info: GPUDeviceLostInfo): Promise<void> {
    this.recovering = true;
    const day = this.runner.day;
    this.banner.error(`The GPU device was lost (${info.reason || 'unknown'}: ${info.message}). Restarting from day ${day.toFixed(2)}…`);
    try {
      await this.runner.recover((d, target) => this.banner.error(`The GPU device was lost; replaying the run on a new device: day ${d.toFixed(2)} of ${target.toFixed(2)}…`));
    } catch (error) {
      this.banner.error(`The GPU device was lost and no new device could be made (${String(error)}). Reload the page to try again.`);
      return;
    }
    this.configure();
    this.view = new TissueView(this.runner.gpu.device, this.format, this.runner.sim);
    this.applyView();
    this.plots.reset(therapyPeriods(this.runner.sim.parameters), this.runner.sim.parameters.durationDays);
    this.samplesShown = 0;
    this.recovering = false;
    this.banner.note(`Restarted on a new GPU device at day ${this.runner.day.toFixed(2)} (${info.reason || 'lost'}: the run was replayed exactly).`);
  }

  private resize(): void {
    const c = this.el.canvas;
    const dpr = window.devicePixelRatio || 1;
    c.width = Math.max(1, Math.round(c.clientWidth * dpr));
    c.height = Math.max(1, Math.round(c.clientHeight * dpr));
  }

  private async frame(): Promise<void> {
    try {
      if (!this.recovering) await this.advanceAndDraw();
    } catch (error) {
      this.fail(`The run stopped: ${error instanceof Error ? error.message : String(error)}`);
    }
    requestAnimationFrame(() => void this.frame());
  }

  private async advanceAndDraw(): Promise<void> {
    const r = this.runner;
    const steps = this.single ? 1 : this.playing ? this.state.speed : 0;
    this.single = false;
    for (let s = 0; s < steps && !r.done && !this.pauseDue(); s++) {
      await r.step();
      this.stepsTaken++;
    }
    if (this.playing && (r.done || this.pauseDue())) {
      this.pauseAtReached = this.pauseDue();
      this.setPlaying(false);
    }
    this.draw();
    this.frames++;
    await r.gpu.device.queue.onSubmittedWorkDone();
    this.showState();
  }

  /**
   * The view, drawn now and copied in the same task (a WebGPU canvas keeps its image only until
   * it is presented), with the legend, scale bar and clock laid over its corner.
   */
  composeImage(): HTMLCanvasElement {
    this.draw();
    const view = this.el.canvas;
    const out = document.createElement('canvas');
    out.width = view.width;
    out.height = view.height;
    const ctx = out.getContext('2d')!;
    ctx.drawImage(view, 0, 0);
    const legend = this.el.legend;
    ctx.fillStyle = 'rgba(0, 0, 0, 0.6)';
    ctx.fillRect(8, 8, legend.width + 16, legend.height + 40);
    ctx.drawImage(legend, 16, 16);
    ctx.fillStyle = '#eee';
    ctx.font = '14px system-ui, sans-serif';
    ctx.fillText(`${this.el.clock.textContent ?? ''}   scale bar ${this.el.scaleBar.textContent ?? ''}`, 16, legend.height + 36);
    return out;
  }

  private draw(): void {
    const device = this.runner.gpu.device;
    const encoder = device.createCommandEncoder({ label: 'view' });
    const target = this.context.getCurrentTexture();
    this.view.encode(encoder, target.createView(), target.width, target.height, this.camera);
    device.queue.submit([encoder.finish()]);
    this.view.submitted();
  }

  private pauseDue(): boolean {
    const at = this.state.pauseAtDay;
    return at !== null && !this.pauseAtReached && this.runner.sim.timeMinutes >= at * 1440 - 1e-6;
  }

  /** A field with NaN or ±Inf means a solver diverged or read bad input: the run stops there. */
  private checkFinite(): void {
    const report = this.view.rangeReport;
    if (!report || report.nonFinite === 0 || this.nonFiniteSeen) return;
    this.nonFiniteSeen = true;
    this.fail(`${report.field}: ${report.nonFinite} grid cells are NaN or ±Inf at ${clockText(this.runner.sim.timeMinutes)} (drawn grey)`);
  }

  private showState(): void {
    const sim = this.runner.sim;
    this.el.clock.textContent = clockText(sim.timeMinutes);
    this.el.clock.dataset.step = String(sim.steps);
    const field = this.view.fields.find((f) => f.name === this.state.view.field);
    drawLegend(this.el.legend, this.view.range, this.view.colorMap, field ? `${field.name} (${field.unit})` : '', this.view.rangeReport?.nonFinite ?? 0);
    this.hooks.rangeShown(this.view.range);
    this.checkFinite();
    showScaleBar(this.el.scaleBar, this.camera.micronsPerPixel() * (window.devicePixelRatio || 1));
    const samples = sim.cells?.samples ?? [];
    if (samples.length === this.samplesShown) return;
    for (const sample of samples.slice(this.samplesShown)) {
      const row = metricsRow(sample, sim.scenario);
      const named = Object.fromEntries(this.columns.map((c, i) => [c, row[i]!]));
      this.plots.push(sample.timeMinutes / 1440, named);
      this.readouts.show(sample.step, named);
    }
    this.samplesShown = samples.length;
    this.plots.redraw();
  }
}
