// The bench page's entry (bench.html): runs the benchmark suite on navigator.gpu with the options
// in the URL, shows its progress, and leaves the report on window for the browser runner
// (src/bench/browser-runner.ts) and as a download for a person.
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { LOG_PREFIX, parseSuiteQuery, type BenchPageState } from '../bench/page-protocol.ts';
import { runSuite } from '../bench/suite.ts';

const $ = <T extends HTMLElement>(selector: string) => document.querySelector<T>(selector)!;

async function main(state: BenchPageState): Promise<void> {
  const { options, commit } = parseSuiteQuery(location.search);
  const log = (line: string) => {
    $('#log').textContent += `${line}\n`;
    console.log(`${LOG_PREFIX}${line}`);
  };
  const gpu = await acquireGpu();
  $('#adapter').textContent = describeAdapter(gpu.report);
  try {
    const report = await runSuite(gpu, options, { runner: 'browser', commit, userAgent: navigator.userAgent }, log);
    const link = $<HTMLAnchorElement>('#download');
    link.href = URL.createObjectURL(new Blob([JSON.stringify(report, null, 2)], { type: 'application/json' }));
    link.hidden = false;
    Object.assign(state, { state: 'done', report });
  } finally {
    gpu.destroy();
  }
}

const state: BenchPageState = { state: 'running' };
Object.assign(window, { confineBench: state });
main(state).catch((error: unknown) => {
  const message = error instanceof Error ? error.message : String(error);
  $('#log').textContent += `failed: ${message}\n`;
  Object.assign(state, { state: 'failed', error: message });
});
