// confine bench: grid-solve timings as JSON and as a table, with the fitted scaling exponents.
import { execSync } from 'node:child_process';
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { benchGridSolves, median } from '../../bench/grid-solves.ts';
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
