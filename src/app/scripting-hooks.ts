// What the end-to-end tests and the browser benchmark read and do on the page, as
// window.confine: the frame and step counters, and a lost GPU device on demand. Both open the
// page on Vite's dev server, so main.ts installs these only there and `vite build` leaves them out.
import type { Display } from './display.ts';

export function scriptingHooks(display: Display) {
  return {
    counters: () => ({ frames: display.frames, steps: display.stepsTaken, simSteps: display.runner.sim.steps, playing: display.playing }),
    loseDevice: () => display.runner.gpu.device.destroy(),
  };
}
