// The `confine` command: run, verify, bench, screenshots.
import { parseArgs } from 'node:util';
import { ScenarioError } from '../model/scenario.ts';
import { NoGpuError } from '../gpu/device.ts';
import { runCommand } from './run.ts';
import { verifyCommand } from './verify.ts';
import { benchAgentsCommand, benchAppCommand, benchCommand } from './bench.ts';

const USAGE = `usage:
  confine run [scenario.json | default] --out DIR [--steps N]
      run a scenario headless; writes fields.vti (ParaView), one PNG per field, summary.json
      (with cells: metrics.csv and the tissue's or assay's readout; assays write no field files)
  confine verify [--markdown FILE] [--json FILE]
      closed-form verification suite: case, grid, error norm, observed order
  confine bench [--sizes 256,512,1024,2048] [--repeats N] [--json FILE]
      time one oxygen solve and one stress solve per grid size; fitted exponent of time vs cells
  confine bench --agents [--cells 10000,100000,1000000] [--full] [--repeats N] [--json FILE]
      time a step of 10⁴…10⁶ moving cells, and with --full the default step at 1024² with ~10⁶ cells
  confine bench --app [--sizes 512] [--cells 100000] [--seconds 30] [--json FILE]
      frames and steps per second of the browser app in headless Chrome (n² grid, ~cells cancer cells)
  confine screenshots [--out docs/images]
      retake the README's pictures of the app in headless Chrome`;

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      out: { type: 'string' },
      steps: { type: 'string' },
      markdown: { type: 'string' },
      json: { type: 'string' },
      sizes: { type: 'string' },
      repeats: { type: 'string' },
      agents: { type: 'boolean' },
      cells: { type: 'string' },
      full: { type: 'boolean' },
      app: { type: 'boolean' },
      seconds: { type: 'string' },
    },
  });
  const integer = (name: string, text: string | undefined, min: number): number | undefined => {
    if (text === undefined) return undefined;
    const n = Number(text);
    if (!Number.isInteger(n) || n < min) throw new UsageError(`--${name} = ${text} must be an integer ≥ ${min}`);
    return n;
  };
  switch (command) {
    case 'run':
      if (!values.out) throw new UsageError('confine run needs --out DIR');
      return runCommand({ scenario: positionals[0], out: values.out, steps: integer('steps', values.steps, 1) });
    case 'verify':
      return verifyCommand({ markdown: values.markdown, json: values.json });
    case 'bench': {
      const repeats = integer('repeats', values.repeats, 1);
      if (values.app) {
        return benchAppCommand({
          n: integer('sizes', values.sizes, 16) ?? 512, cells: integer('cells', values.cells, 1) ?? 100_000,
          seconds: integer('seconds', values.seconds, 1) ?? 30, json: values.json,
        });
      }
      if (values.agents) {
        const cells = values.cells?.split(',').map((s) => integer('cells', s, 2)!);
        return benchAgentsCommand({ cells, full: values.full ?? false, repeats, json: values.json });
      }
      const sizes = values.sizes?.split(',').map((s) => integer('sizes', s, 16)!);
      return benchCommand({ sizes, repeats, json: values.json });
    }
    case 'screenshots': {
      const { screenshotsCommand } = await import('./screenshots.ts');
      return screenshotsCommand({ out: values.out ?? 'docs/images' });
    }
    case undefined:
    case 'help':
    case '--help':
      console.log(USAGE);
      return 0;
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

class UsageError extends Error {}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  (error: unknown) => {
    if (error instanceof ScenarioError || error instanceof NoGpuError || error instanceof UsageError) {
      console.error(`error: ${error.message}`);
      if (error instanceof UsageError) console.error(USAGE);
      process.exit(2);
    }
    console.error(error);
    process.exit(1);
  },
);
