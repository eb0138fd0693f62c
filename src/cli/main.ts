// The `confine` command: run, verify, sweep, report, bench, screenshots.
import { parseArgs } from 'node:util';
import { ScenarioError } from '../model/scenario.ts';
import { NoGpuError } from '../gpu/device.ts';
import { runCommand } from './run.ts';
import { parseCheckpointEvery, type CheckpointInterval } from '../sim/checkpoint-interval.ts';
import { verifyCommand } from './verify.ts';
import { SweepError, sweepCommand } from './sweep.ts';
import { sweepMergeCommand } from './sweep-merge.ts';
import { reportCommand } from './report.ts';
import { parseShard, ShardError } from '../sweep/shard.ts';
import { SweepFileError } from '../sweep/results-file.ts';
import { benchAppCommand, benchBrowserCommand, benchCommand, benchReportCommand, benchSoakCommand } from './bench.ts';
import { BENCH_CASES } from '../bench/registry.ts';
import { OutputWriteError } from '../io/output-dir.ts';
import { BufferCapacityError } from '../gpu/buffers.ts';
import { BrowserNotFoundError } from './chromium-path.ts';

const CASE_NAMES = BENCH_CASES.map((c) => c.name).join(', ');

const USAGE = `usage:
  confine run [scenario.json | default] --out DIR [--steps N] [--checkpoint-every N | Nd]
  confine run --resume FILE.ckpt --out DIR [--steps N] [--checkpoint-every N | Nd]
      run a scenario headless; writes fields.vti (ParaView), one PNG per field, summary.json
      (with cells: metrics.csv and the tissue's or assay's readout; assays write no field files).
      --checkpoint-every keeps DIR/checkpoint.ckpt at the state every N steps (or N simulated
      days) and at the end; --resume goes on from such a file (its scenario) to the run's end,
      writing what the uninterrupted run writes; --steps is the last step counted from day 0
  confine verify [--markdown FILE] [--json FILE]
      closed-form verification suite: case, grid, error norm, observed order
  confine verify --model [--runs FILE.jsonl [--shard i/n]] [--markdown FILE] [--json FILE]
      model convergence: the default tumour at h = 20, 10, 5 µm (dt 240 min) and dt = 240, 120,
      60 min (h 10 µm), three seeds each; every readout's mean ± SE per setting and its change
      per refinement, the finest of each series checked (about four hours without a GPU).
      --runs keeps each finished run in FILE and, run again, goes on from the runs it holds;
      --shard i/n runs only the i-th of n parts (runs in parallel: one FILE each, then
      cat them into one FILE and run again without --shard for the table)
  confine bench [--smoke] [--cases NAME,…] [--sizes 256,512,1024,2048] [--cells 10000,100000,1000000]
               [--repeats 3] [--warmup 1] [--max-seconds S] [--json FILE] [--report DIR]
      the benchmark suite in Node (Dawn): ${CASE_NAMES}; median and spread per case and
      size, derived rates, fitted exponents and the copy-bandwidth roofline of the smoother.
      --sizes: grid sides for the grid cases, --cells: agents for agent-step, --smoke: CI sizes;
      --max-seconds skips sizes whose update would take longer; JSON to FILE (else stdout);
      --report writes DIR/<runner>-<adapter>.md (tables) and .svg (log-log plot)
  confine bench --browser [same options]
      the same suite on navigator.gpu in headless Chrome (bench.html served by Vite)
  confine bench --report DIR --from FILE.json[,FILE.json]
      tables and plot from saved reports
  confine bench --app [--sizes 512] [--cells 100000] [--seconds 30] [--json FILE]
      frames and steps per second of the browser app in headless Chrome (n² grid, ~cells cancer cells)
  confine bench --soak [--browser] [--sizes 128] [--steps 1000] [--json FILE] [--report DIR]
      a long run watched for leaks: the loop of confine run --checkpoint-every 1d in Node, or the
      browser app with --browser, on the default tumour with both drugs; 20 samples after a garbage
      collection of the JS heap, the GPU objects alive (buffers and their bytes, bind groups,
      pipelines, …) and the step time; --report writes DIR/soak-<runner>.md
  confine sweep <plan.json> --out DIR [--shard i/n] [--parallel K] [--checkpoint-every N | Nd] [--dry-run]
      every run of a plan (factors × arms × replicate seeds); one JSON line per finished run in
      DIR/results.jsonl (and on stdout), a progress bar with the time left; run again to resume,
      --shard i/n runs the i-th of n parts (DIR/results.shard-i-of-n.jsonl), --parallel K runs
      K at once on one GPU, --checkpoint-every keeps each run's state in DIR/checkpoints so a
      killed sweep goes on mid-run, --dry-run lists the runs still to do. A bad plan is refused first.
  confine sweep merge DIR... [--out OUT]
      joins the parts of a sharded sweep into OUT/results.jsonl (default: the first DIR)
  confine report DIR [--out OUT]
      the report of a sweep in DIR: dose–response curves with 95 % confidence bands over
      replicates, heatmaps of the primary readout over pairs of factors, time courses per arm
      (SVG and PNG), index.html with the plan and the software version, and the numbers as CSV;
      written to DIR/report unless --out
  confine screenshots [--out docs/images]
      retake the README's pictures of the app in headless Chrome`;

/** Every option a command takes, by the kind of value it takes; --help (-h) goes with any. */
const OPTION_TYPES = {
  out: 'string', steps: 'string', 'checkpoint-every': 'string', resume: 'string',
  markdown: 'string', json: 'string', model: 'boolean', runs: 'string', shard: 'string',
  smoke: 'boolean', cases: 'string', sizes: 'string', cells: 'string', repeats: 'string', warmup: 'string',
  'max-seconds': 'string', report: 'string', browser: 'boolean', from: 'string', app: 'boolean', seconds: 'string',
  parallel: 'string', 'dry-run': 'boolean', soak: 'boolean',
} as const;

type OptionName = keyof typeof OPTION_TYPES;

/** The options each command takes; `sweep merge` takes --out alone. */
const COMMAND_OPTIONS: Record<string, readonly OptionName[]> = {
  run: ['out', 'steps', 'checkpoint-every', 'resume'],
  verify: ['markdown', 'json', 'model', 'runs', 'shard'],
  bench: ['smoke', 'cases', 'sizes', 'cells', 'repeats', 'warmup', 'max-seconds', 'json', 'report', 'browser', 'from', 'app', 'seconds', 'soak', 'steps'],
  sweep: ['out', 'shard', 'parallel', 'checkpoint-every', 'dry-run'],
  'sweep merge': ['out'],
  report: ['out'],
  screenshots: ['out'],
};

/** An option the command does not take (another command's, or none's): one line naming it and the command's own. */
function optionError(command: string | undefined, options: readonly string[]): UsageError {
  const allowed = command === undefined ? undefined : COMMAND_OPTIONS[command];
  const named = options.map((o) => (o.startsWith('-') ? o : `--${o}`)).join(', ');
  if (!allowed) return new UsageError(`unknown option ${named}; confine --help lists every command and its options`);
  return new UsageError(`confine ${command} does not take ${named}; its options: ${allowed.map((a) => `--${a}`).join(', ')}`);
}

function checkOptions(command: string, given: readonly string[]): void {
  const allowed = COMMAND_OPTIONS[command];
  if (!allowed) return;
  const foreign = given.filter((name) => name !== 'help' && !(allowed as readonly string[]).includes(name));
  if (foreign.length) throw optionError(command, foreign);
}

/** The command a line names, as COMMAND_OPTIONS keys it. */
function commandOf(argv: readonly string[]): string | undefined {
  const [command, ...rest] = argv;
  return command === 'sweep' && rest.find((a) => !a.startsWith('-')) === 'merge' ? 'sweep merge' : command;
}

async function main(argv: string[]): Promise<number> {
  // A line that starts with an option names no command: its options are parsed as the line's.
  const [command, rest] = argv[0]?.startsWith('-') ? [undefined, argv] : [argv[0], argv.slice(1)];
  const { values, positionals } = parseOptions(command === undefined ? undefined : commandOf(argv), rest);
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  if (command !== undefined) checkOptions(commandOf(argv)!, Object.keys(values));
  const integer = (name: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} = ${text} must be an integer ≥ ${min}`);
    return n;
  };
  const checkpointEvery = (): CheckpointInterval | undefined => {
    const text = values['checkpoint-every'];
    try {
      return text === undefined ? undefined : parseCheckpointEvery(text);
    } catch (error) {
      throw new UsageError((error as Error).message);
    }
  };
  switch (command) {
    case 'run': {
      if (!values.out) throw new UsageError('confine run needs --out DIR');
      if (values.resume !== undefined && positionals[0] !== undefined) {
        throw new UsageError(`confine run: give a scenario (${positionals[0]}) or --resume ${values.resume}, not both: a checkpoint carries its own scenario`);
      }
      return runCommand({
        scenario: positionals[0], out: values.out, steps: integer('steps', values.steps, 1), checkpointEvery: checkpointEvery(), resume: values.resume,
      });
    }
    case 'verify':
      if (values.runs !== undefined && !values.model) throw new UsageError('confine verify: --runs belongs to --model');
      if (values.shard !== undefined && values.runs === undefined) throw new UsageError('confine verify --model --shard needs --runs FILE.jsonl, where the part\'s runs are kept');
      return verifyCommand({
        markdown: values.markdown, json: values.json, model: values.model, runs: values.runs,
        ...(values.shard !== undefined ? { shard: parseShard(values.shard) } : {}),
      });
    case 'bench': {
      if (values.steps !== undefined && !values.soak) throw new UsageError('confine bench: --steps belongs to --soak');
      if (values.soak) {
        const sizes = values.sizes?.split(',') ?? ['128'];
        if (sizes.length !== 1) throw new UsageError(`confine bench --soak runs one grid size, not --sizes ${values.sizes}`);
        return benchSoakCommand({
          n: integer('sizes', sizes[0], 16)!, steps: integer('steps', values.steps, 20) ?? 1000, browser: values.browser ?? false,
          json: values.json, report: values.report,
        });
      }
      if (values.app) {
        return benchAppCommand({
          n: integer('sizes', values.sizes, 16) ?? 512, cells: integer('cells', values.cells, 1) ?? 100_000,
          seconds: integer('seconds', values.seconds, 1) ?? 30, json: values.json,
        });
      }
      if (values.from) {
        if (!values.report) throw new UsageError('confine bench --from needs --report DIR');
        return benchReportCommand(values.report, values.from.split(','));
      }
      const cases = values.cases?.split(',');
      const unknown = cases?.filter((c) => !BENCH_CASES.some((b) => b.name === c));
      if (unknown?.length) throw new UsageError(`unknown benchmark case(s) ${unknown.join(', ')}; the cases are ${CASE_NAMES}`);
      const maxSeconds = values['max-seconds'] === undefined ? undefined : Number(values['max-seconds']);
      if (maxSeconds !== undefined && !(maxSeconds > 0)) throw new UsageError(`--max-seconds = ${values['max-seconds']} must be a positive number`);
      const options = {
        ...(cases ? { cases } : {}),
        smoke: values.smoke ?? false,
        ...(values.sizes ? { gridSizes: values.sizes.split(',').map((s) => integer('sizes', s, 16)!) } : {}),
        ...(values.cells ? { agentCounts: values.cells.split(',').map((s) => integer('cells', s, 2)!) } : {}),
        repeats: integer('repeats', values.repeats, 1) ?? 3,
        warmup: integer('warmup', values.warmup, 1) ?? 1,
        ...(maxSeconds !== undefined ? { maxSecondsPerRepeat: maxSeconds } : {}),
      };
      const out = { json: values.json, report: values.report };
      return values.browser ? benchBrowserCommand(options, out) : benchCommand(options, out);
    }
    case 'sweep': {
      if (positionals[0] === 'merge') return sweepMergeCommand({ dirs: positionals.slice(1), out: values.out });
      if (positionals.length !== 1) throw new UsageError('confine sweep needs one plan file (or: confine sweep merge DIR...)');
      if (!values.out) throw new UsageError('confine sweep needs --out DIR');
      return sweepCommand({
        plan: positionals[0]!, out: values.out, shard: values.shard,
        parallel: integer('parallel', values.parallel, 1), dryRun: values['dry-run'], checkpointEvery: checkpointEvery(),
      });
    }
    case 'report':
      if (positionals.length !== 1) throw new UsageError('confine report needs one sweep directory');
      return reportCommand({ dir: positionals[0]!, out: values.out });
    case 'screenshots': {
      const { screenshotsCommand } = await import('./screenshots.ts');
      return screenshotsCommand({ out: values.out ?? 'docs/images' });
    }
    case undefined:
    case 'help':
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"; confine --help lists the commands`);
  }
}

class UsageError extends Error {}

/** The command line's options; an unknown or malformed one is a usage error naming it. */
function parseOptions(command: string | undefined, args: string[]) {
  const typed = Object.fromEntries(Object.entries(OPTION_TYPES).map(([name, type]) => [name, { type }]));
  try {
    return parseArgs({
      args,
      allowPositionals: true,
      options: { ...(typed as { [K in OptionName]: { type: (typeof OPTION_TYPES)[K] } }), help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    const unknown = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'([^']+)'/.exec((error as Error).message)?.[1];
    throw unknown ? optionError(command, [unknown]) : new UsageError((error as Error).message);
  }
}


main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    const expected = [ScenarioError, NoGpuError, UsageError, SweepError, SweepFileError, ShardError, BrowserNotFoundError, BufferCapacityError];
    if (error instanceof Error && expected.some((kind) => error instanceof kind)) {
      console.error(`error: ${error.message}`);
      process.exit(2);
    }
    // A file the system would not let any command write (a full disk, say): what and why, as run's own.
    if (error instanceof OutputWriteError) {
      console.error(`error: ${error.message}`);
      process.exit(5);
    }
    console.error(error);
    process.exit(1);
  },
);
