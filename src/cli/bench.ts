// confine bench: grid-solve timings as JSON and as a table, with the fitted scaling exponents.
import { execSync } from 'node:child_process';
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { benchGridSolves, median } from '../../bench/grid-solves.ts';
import { benchAgents } from '../../bench/agents.ts';
import { formatTable } from '../io/table.ts';
import { writeFileAtomic } from '../io/output-dir.ts';

function commit(): string {
  try {
    return execSync('git rev-parse --short HEAD', { stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return 'unknown';
  }
}

export async function benchCommand(options: { sizes?: number[]; repeats?: number; json?: string }): Promise<number> {
  const gpu = await acquireGpu();
  console.error(`confine bench on ${describeAdapter(gpu.report)}`);
  const sizes = options.sizes ?? [256, 512, 1024, 2048];
  const result = await benchGridSolves(gpu, sizes, options.repeats ?? 3, (s) => console.error(`  ${s}`));
  const limits = gpu.device.limits;
  const report = {
    adapter: gpu.report,
    limits: { maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize, maxBufferSize: limits.maxBufferSize },
    commit: commit(),
    date: new Date().toISOString(),
    method: 'wall time from submit to onSubmittedWorkDone; median of repeats after one warm-up',
    oxygenSolve: 'Newton 2 × V(3,3) 2 on the tumour scenario',
    stressSolve: 'multigrid-preconditioned CG, fixed iterations, warm start',
    ...result,
  };
  gpu.destroy();
  const table = formatTable(
    result.sizes.map((t) => ({ grid: `${t.n}²`, cells: t.cells, oxygen: median(t.oxygenMs).toFixed(1), stress: median(t.stressMs).toFixed(1) })),
    [
      { key: 'grid', header: 'grid' },
      { key: 'cells', header: 'cells' },
      { key: 'oxygen', header: 'oxygen solve [ms]' },
      { key: 'stress', header: 'stress solve [ms]' },
    ],
    'markdown',
  );
  console.log(table);
  console.log(`fitted exponent of time vs cells: oxygen ${result.oxygenExponent.toFixed(3)}, stress ${result.stressExponent.toFixed(3)} (target ≤ 1.15)`);
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options.json) await writeFileAtomic(options.json, json);
  else console.log(json);
  return 0;
}

export async function benchAgentsCommand(options: { cells?: number[]; full: boolean; repeats?: number; json?: string }): Promise<number> {
  const gpu = await acquireGpu();
  console.error(`confine bench --agents on ${describeAdapter(gpu.report)}`);
  const result = await benchAgents(gpu, options.cells ?? [10_000, 100_000, 1_000_000], options.repeats ?? 3, options.full, (s) => console.error(`  ${s}`));
  const limits = gpu.device.limits;
  const rows = [...result.dish, ...(result.full ? [result.full] : [])];
  console.log(formatTable(
    rows.map((t) => ({ what: t.label, cells: t.cells.toLocaleString('en'), grid: t.gridCells.toLocaleString('en'), ms: median(t.stepMs).toFixed(1), rate: (t.cells / (median(t.stepMs) / 1000) / 1e6).toFixed(2) })),
    [
      { key: 'what', header: 'scenario' },
      { key: 'cells', header: 'cancer cells' },
      { key: 'grid', header: 'grid cells' },
      { key: 'ms', header: 'step [ms]' },
      { key: 'rate', header: 'agent-updates [10⁶/s]' },
    ],
    'markdown',
  ));
  console.log(`fitted exponent of step time vs cells (dish): ${result.agentExponent.toFixed(3)}`);
  const report = {
    adapter: gpu.report,
    limits: { maxStorageBufferBindingSize: limits.maxStorageBufferBindingSize, maxBufferSize: limits.maxBufferSize },
    commit: commit(),
    date: new Date().toISOString(),
    method: 'wall time from submit to onSubmittedWorkDone of one whole step; median of repeats after one warm-up',
    ...result,
  };
  gpu.destroy();
  const json = `${JSON.stringify(report, null, 2)}\n`;
  if (options.json) await writeFileAtomic(options.json, json);
  else console.log(json);
  return 0;
}

export async function benchAppCommand(options: { n: number; cells: number; seconds: number; json?: string }): Promise<number> {
  const { startApp } = await import('./headless-app.ts');
  const { benchApp } = await import('../../bench/app-browser.ts');
  const app = await startApp();
  try {
    const result = await benchApp(app, { n: options.n, targetCells: options.cells, seconds: options.seconds }, (s) => console.error(s));
    const report = { ...result, chromium: await app.browser.version(), commit: commit(), date: new Date().toISOString(), method: 'page clock over a fixed window after the first step; running = one step then one draw per frame' };
    console.log(formatTable([
      { mode: 'running', fps: result.running.framesPerSecond.toFixed(3), sps: result.running.stepsPerSecond.toFixed(3) },
      { mode: 'paused (view only)', fps: result.paused.framesPerSecond.toFixed(3), sps: '0' },
    ], [{ key: 'mode', header: `${result.grid}², ${result.cancerCells} cells` }, { key: 'fps', header: 'frames/s' }, { key: 'sps', header: 'steps/s' }], 'markdown'));
    const json = `${JSON.stringify(report, null, 2)}\n`;
    if (options.json) await writeFileAtomic(options.json, json);
    else console.log(json);
  } finally {
    await app.close();
  }
  return 0;
}
