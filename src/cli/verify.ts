// confine verify: the verification suite as one table (case, grid, error norm, observed order).
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { DotKernels } from '../gpu/dot.ts';
import { MultigridKernels } from '../solvers/multigrid.ts';
import { multigridRows } from '../verify/multigrid-cases.ts';
import { transportRows } from '../verify/transport-cases.ts';
import { vesselExchangeRows } from '../verify/vessel-exchange-cases.ts';
import { elasticityVerifyRows } from '../solvers/elasticity/verify-cases.ts';
import { passes, type VerifyRow } from '../verify/types.ts';
import { compareReadouts, convergenceRows, expectationRows, FULL_PLAN, MODEL_READOUTS, runConvergence, settingLabel, type SettingResult } from '../verify/model-convergence.ts';
import type { Gpu } from '../gpu/device.ts';
import { CONVERGENCE_RUN_FORMAT, planTumour, readConvergenceRuns, type ConvergenceRunRecord } from '../verify/convergence-runs.ts';
import { ResultsWriter, type Shard } from '../sweep/results-file.ts';
import { softwareVersion } from './software-version.ts';
import { formatTable, type TableStyle } from '../io/table.ts';
import { formatNumber } from '../io/number-format.ts';
import { writeFileAtomic } from '../io/output-dir.ts';

export function verifyTable(rows: VerifyRow[], style: TableStyle): string {
  return formatTable(
    rows.map((r) => ({
      case: r.case,
      grid: r.grid,
      quantity: r.quantity,
      value: formatNumber(r.value),
      threshold: r.threshold === undefined ? '' : `≤ ${formatNumber(r.threshold)}`,
      order: r.order === undefined ? '' : r.order.toFixed(2),
      result: r.threshold === undefined ? 'reported' : passes(r) ? 'pass' : 'FAIL',
    })),
    [
      { key: 'case', header: 'case' },
      { key: 'grid', header: 'grid' },
      { key: 'quantity', header: 'error norm' },
      { key: 'value', header: 'value', align: 'right' },
      { key: 'threshold', header: 'threshold' },
      { key: 'order', header: 'observed order', align: 'right' },
      { key: 'result', header: '' },
    ],
    style,
  );
}

/** Each readout's mean ± standard error over seeds at every setting of a convergence plan. */
export function convergenceTable(results: readonly SettingResult[], style: TableStyle): string {
  const columns = results.map((r, k) => ({ key: `s${k}`, header: settingLabel(r.setting), align: 'right' as const }));
  return formatTable(
    compareReadouts(results).map((c) => ({
      readout: MODEL_READOUTS[c.readout],
      ...Object.fromEntries(c.means.map((m, k) => [`s${k}`, `${formatNumber(m)} ± ${formatNumber(c.errors[k])}`])),
    })),
    [{ key: 'readout', header: 'readout (mean ± SE over seeds)' }, ...columns],
    style,
  );
}

export async function verifyCommand(options: { markdown?: string; json?: string; model?: boolean; runs?: string; shard?: Shard }): Promise<number> {
  const gpu = await acquireGpu();
  console.error(`confine verify${options.model ? ' --model' : ''} on ${describeAdapter(gpu.report)}`);
  if (options.model) return modelConvergenceCommand(gpu, options);
  const mg = new MultigridKernels(gpu.device);
  const dots = new DotKernels(gpu.device);
  const rows: VerifyRow[] = [];
  const section = async (name: string, run: () => Promise<VerifyRow[]>) => {
    const t = performance.now();
    rows.push(...(await run()));
    console.error(`  ${name}: ${((performance.now() - t) / 1000).toFixed(1)} s`);
  };
  await section('multigrid', () => multigridRows(gpu, mg, dots, [128, 256, 512, 1024]));
  await section('transport', () => transportRows({ gpu, mg, dots }));
  await section('vessel exchange', () => vesselExchangeRows({ gpu, mg, dots }));
  await section('elasticity', () => elasticityVerifyRows(gpu));
  gpu.destroy();
  return finish(rows, options, { adapter: gpu.report });
}

async function modelConvergenceCommand(gpu: Gpu, options: { markdown?: string; json?: string; runs?: string; shard?: Shard }): Promise<number> {
  const software = softwareVersion();
  const held = options.runs ? await readConvergenceRuns(options.runs, FULL_PLAN, software) : new Map<string, ConvergenceRunRecord>();
  if (held.size) console.error(`  ${held.size} runs already in ${options.runs}`);
  const writer = options.runs ? await ResultsWriter.open(options.runs) : undefined;
  const adapter = describeAdapter(gpu.report);
  let results: SettingResult[];
  try {
    results = await runConvergence(gpu, FULL_PLAN, {
      log: (line) => console.error(line),
      done: new Map([...held].map(([key, record]) => [key, record.readouts])),
      ...(options.shard ? { shard: options.shard } : {}),
      finished: async (setting, seed, readouts, wallSeconds) => {
        const record: ConvergenceRunRecord = { format: CONVERGENCE_RUN_FORMAT, tumour: planTumour(FULL_PLAN), setting, seed, readouts, software, adapter, wallSeconds };
        await writer?.append(record);
      },
    });
  } finally {
    await writer?.close();
  }
  gpu.destroy();
  if (options.shard) {
    const count = results.reduce((n, r) => n + r.runs.length, 0);
    console.error(`  shard ${options.shard.index}/${options.shard.count}: its ${count} runs are in ${options.runs}; join the shards' files and run again without --shard for the table`);
    return 0;
  }
  const means = (style: TableStyle) => `${convergenceTable(results, style)}\n\n`;
  return finish([...convergenceRows(FULL_PLAN, results), ...expectationRows(results)], options, { adapter: gpu.report, plan: FULL_PLAN, results }, means);
}

/** Prints the table and the pass count, writes the Markdown and JSON asked for; the exit status. */
async function finish(rows: VerifyRow[], options: { markdown?: string; json?: string }, json: object, preface = (_: TableStyle) => ''): Promise<number> {
  console.log(`${preface('text')}${verifyTable(rows, 'text')}`);
  const failed = rows.filter((r) => !passes(r));
  const reported = rows.filter((r) => r.threshold === undefined).length;
  if (options.markdown) await writeFileAtomic(options.markdown, `${preface('markdown')}${verifyTable(rows, 'markdown')}\n`);
  if (options.json) await writeFileAtomic(options.json, `${JSON.stringify({ ...json, rows }, null, 2)}\n`);
  console.log(`${rows.length - reported - failed.length} passed, ${failed.length} failed, ${reported} reported without a threshold`);
  return failed.length ? 1 : 0;
}
