// The browser entry: runs the default scenario on the page's WebGPU device and shows one field
// at a time. Fields are read back every few steps for display only.
import { acquireGpu, describeAdapter, NoGpuError } from '../gpu/device.ts';
import { DEFAULT_SCENARIO } from '../model/scenario.ts';
import { Simulation } from '../sim/simulation.ts';
import { cellMagnitude, snapshot, type FieldSnapshot } from '../sim/snapshot.ts';
import { mapToRgba } from '../io/colormap.ts';
import { defaultRange } from '../io/png.ts';

const status = document.querySelector<HTMLParagraphElement>('#status')!;
const clock = document.querySelector<HTMLSpanElement>('#clock')!;
const picker = document.querySelector<HTMLSelectElement>('#field')!;
const canvas = document.querySelector<HTMLCanvasElement>('#view')!;
const STEPS_PER_FRAME = 4;

function draw(fields: FieldSnapshot[], nx: number, ny: number): void {
  const field = fields.find((f) => f.name === picker.value) ?? fields[0];
  const data = field.at === 'point' ? cellMagnitude(field, nx, ny) : field.data;
  const range = defaultRange(data, field.map);
  canvas.width = nx;
  canvas.height = ny;
  // mapToRgba puts row 0 at the bottom, as on screen.
  const rgba = mapToRgba(data, nx, ny, range, field.map);
  canvas.getContext('2d')!.putImageData(new ImageData(new Uint8ClampedArray(rgba), nx, ny), 0, 0);
  status.textContent = `${field.name}: ${range[0].toPrecision(3)} … ${range[1].toPrecision(3)} ${field.unit}`;
}

async function start(): Promise<void> {
  const gpu = await acquireGpu({ onLost: (info) => (status.textContent = `The GPU device was lost (${info.reason}): ${info.message}. Reload the page to restart.`) });
  const sim = new Simulation(gpu, DEFAULT_SCENARIO);
  document.title = `confine — ${describeAdapter(gpu.report)}`;
  const { nx, ny } = sim.world;
  const frame = async () => {
    for (let s = 0; s < STEPS_PER_FRAME && sim.steps < sim.stepCount; s++) await sim.step();
    const fields = await snapshot(sim);
    if (picker.options.length === 0) {
      for (const f of fields) picker.add(new Option(f.name, f.name, f.name === 'oxygen', f.name === 'oxygen'));
    }
    clock.textContent = `day ${(sim.timeMinutes / 1440).toFixed(2)}`;
    draw(fields, nx, ny);
    if (sim.steps < sim.stepCount) requestAnimationFrame(() => void frame());
  };
  await frame();
}

start().catch((error: unknown) => {
  status.textContent = error instanceof NoGpuError ? error.message : `confine failed to start: ${String(error)}`;
});
