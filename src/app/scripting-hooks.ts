// What the end-to-end tests and the browser benchmarks read and do on the page, as
// window.confine: the frame and step counters, the GPU objects alive (the soak's census), and a
// lost GPU device on demand. They open the page on Vite's dev server, so main.ts installs these
// only there and `vite build` leaves them out.
import type { GpuCensus } from '../gpu/census.ts';
import type { Display } from './display.ts';

export function scriptingHooks(display: Display, census: GpuCensus) {
  return {
    counters: () => ({ frames: display.frames, steps: display.stepsTaken, simSteps: display.runner.sim.steps, playing: display.playing }),
    census: () => {
      const sim = display.runner.sim;
      return { live: census.live(), made: census.made(), simSteps: sim.steps, day: sim.timeMinutes / 1440, cells: sim.cells?.liveAtLastCheck ?? 0, capacity: sim.cells?.cells.capacity ?? 0, metricsSamples: sim.cells?.samples.length ?? 0 };
    },
    loseDevice: () => display.runner.gpu.device.destroy(),
  };
}
