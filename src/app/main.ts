// The browser entry: checks for WebGPU, reads the state from the URL and starts the app. It
// only wires things together; the app's parts live beside it.
import { NoGpuError, describeAdapter } from '../gpu/device.ts';
import { App, type AppElements } from './app.ts';
import { missingWebGpu, showNoWebGpu } from './no-webgpu.ts';
import { scriptingHooks } from './scripting-hooks.ts';
import { startGpuCensus } from '../gpu/census.ts';
import { readUrlState } from './url-state.ts';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

async function main(): Promise<void> {
  const root = $('#app');
  const missing = missingWebGpu();
  if (missing) return showNoWebGpu(root, missing);
  const elements: AppElements = {
    root, canvas: $('#view'), banner: $('#banner'), clock: $('#clock'), legend: $('#legend'), scaleBar: $('#scale-bar'),
    readouts: $('#readouts'), plots: $('#plots'), panel: $('#panel'), fileInput: $('#scenario-file'),
  };
  const { state, problems } = readUrlState(location.search);
  // Counting from before the app makes anything, so the soak sees every object.
  const census = import.meta.env.DEV ? startGpuCensus(GPUDevice.prototype) : undefined;
  try {
    const app = await App.start(elements, state, problems);
    $('#adapter').textContent = describeAdapter(app.adapter);
    // Only on the dev server, where the tests and the benchmark open the page: `vite build` drops them.
    if (census) Object.assign(window, { confine: scriptingHooks(app.display, census) });
  } catch (error) {
    if (error instanceof NoGpuError) return showNoWebGpu(root, 'no-adapter', error.message.split('\n')[0]);
    $('#banner').hidden = false;
    $('#banner').dataset.kind = 'error';
    $('#banner').textContent = `confine failed to start: ${error instanceof Error ? error.message : String(error)}`;
  }
}

void main();
