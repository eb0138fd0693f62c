// confine verify: the verification suite as one table (case, grid, error norm, observed order).
import { acquireGpu, describeAdapter } from '../gpu/device.ts';
import { verificationRows } from '../verify/suite.ts';
import { verdictCounts, verifyTable } from '../verify/table.ts';
import type { VerifyRow } from '../verify/types.ts';
import { compareReadouts, convergenceRows, expectationRows, FULL_PLAN, MODEL_READOUTS, runConvergence, settingLabel, type SettingResult } from '../verify/model-convergence.ts';
import type { Gpu } from '../gpu/device.ts';
import { CONVERGENCE_RUN_FORMAT, planTumour, readConvergenceRuns, type ConvergenceRunRecord } from '../verify/convergence-runs.ts';
import { ResultsWriter, type Shard } from '../sweep/results-file.ts';
import { softwareVersion } from './software-version.ts';
import { formatTable, type TableStyle } from '../io/table.ts';
import { formatNumber } from '../io/number-format.ts';
import { writeFileAtomic } from '../io/output-dir.ts';

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
  const rows = await verificationRows(gpu, (line) => console.error(line));
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
  const { passed, failed, reported } = verdictCounts(rows);
  if (options.markdown) await writeFileAtomic(options.markdown, `${preface('markdown')}${verifyTable(rows, 'markdown')}\n`);
  if (options.json) await writeFileAtomic(options.json, `${JSON.stringify({ ...json, rows }, null, 2)}\n`);
  console.log(`${passed} passed, ${failed} failed, ${reported} reported without a bound`);
  return failed ? 1 : 0;
}
