// The runs of a model-convergence plan kept on disk: one synced JSON line per finished run, so a
// suite that takes hours on a CPU adapter survives being stopped and goes on where it stopped.
// A file holds the runs of one plan and one build of confine only; mixing builds would put two
// models in one table.
import { readFile } from 'node:fs/promises';
import { runKey, type ConvergencePlan, type ConvergenceSetting, type ModelReadouts } from './model-convergence.ts';

export const CONVERGENCE_RUN_FORMAT = 'confine-convergence-run/1';

export interface ConvergenceRunRecord {
  format: typeof CONVERGENCE_RUN_FORMAT;
  /** The plan without its settings and seeds: what every run of one table must share. */
  tumour: PlanTumour;
  setting: ConvergenceSetting;
  seed: number;
  readouts: ModelReadouts;
  software: string;
  adapter: string;
  wallSeconds: number;
}

type PlanTumour = Omit<ConvergencePlan, 'settings' | 'seeds' | 'tolerance'>;

export function planTumour(plan: ConvergencePlan): PlanTumour {
  const { settings: _s, seeds: _d, tolerance: _t, ...tumour } = plan;
  return tumour;
}

/**
 * The runs already in `file` (none if it does not exist), by `runKey`. Fails, naming the line and
 * what differs, on a run of another plan or another build; a line cut short by a kill is dropped.
 */
export async function readConvergenceRuns(file: string, plan: ConvergencePlan, software: string): Promise<Map<string, ConvergenceRunRecord>> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return new Map();
    throw error;
  }
  const tumour = JSON.stringify(planTumour(plan));
  const runs = new Map<string, ConvergenceRunRecord>();
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let record: ConvergenceRunRecord;
    try {
      record = JSON.parse(line);
    } catch (error) {
      if (i === lines.length - 1) return;
      throw new Error(`${file}:${i + 1}: ${(error as Error).message}`);
    }
    const where = `${file}:${i + 1}`;
    if (record.format !== CONVERGENCE_RUN_FORMAT) throw new Error(`${where}: not a ${CONVERGENCE_RUN_FORMAT} record`);
    if (JSON.stringify(record.tumour) !== tumour) throw new Error(`${where}: a run of another plan (${JSON.stringify(record.tumour)}; this plan is ${tumour}); give a new --runs file`);
    if (record.software !== software) throw new Error(`${where}: a run by confine ${record.software}; this is confine ${software}, and one table holds one build's runs; give a new --runs file`);
    runs.set(runKey(record.setting, record.seed), record);
  });
  return runs;
}
