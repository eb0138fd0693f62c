// A sweep's runs grouped and summarised: the factors (parameters that vary), the arms (one per
// distinct setting of the parameters), and per arm and readout the mean with its 95 % interval.
import { meanConfidenceInterval } from '../model/stats.ts';
import { armLabel, parameterLabel, parameterUnit, readoutLabel, readoutUnit } from './labels.ts';
import type { PlanFile } from '../sweep/plan-file.ts';
import type { FactorScale, SweepPlan } from '../sweep/plan.ts';
import { latestByRun, type RunRecord, type SweepResults } from '../sweep/results-file.ts';

export interface Factor {
  key: string;
  /** Distinct values among the runs, ascending. */
  values: number[];
  scale: FactorScale;
  label: string;
  unit: string;
}

export interface Readout {
  name: string;
  label: string;
  unit: string;
}

/** n counts finite values only; mean is null without any, the interval null below two. */
export interface Stat {
  n: number;
  mean: number | null;
  sd: number | null;
  low: number | null;
  high: number | null;
}

export interface Arm {
  key: string;
  name: string | null;
  values: Record<string, number>;
  label: string;
  ok: RunRecord[];
  failed: RunRecord[];
  stats: Record<string, Stat>;
}

export interface SweepSummary {
  plan: PlanFile;
  factors: Factor[];
  /** Parameters every run sets to the same value. */
  constants: Record<string, number>;
  /** Parameters the plan's arms set: where a run has an arm, its name already says them. */
  armKeys: string[];
  readouts: Readout[];
  /** Time-course readouts: the plan's series (`time` is their clock, not one of them). */
  series: Readout[];
  arms: Arm[];
  runs: RunRecord[];
  ok: number;
  failed: number;
  /** Planned runs with no line in the results. */
  missing: number;
  notes: string[];
}

export function statOf(values: ReadonlyArray<number | null | undefined>): Stat {
  const finite = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (finite.length === 0) return { n: 0, mean: null, sd: null, low: null, high: null };
  return meanConfidenceInterval(finite, 0.95);
}

function readoutInfo(name: string): Readout {
  return { name, label: readoutLabel(name), unit: readoutUnit(name) };
}

/** The ok runs whose parameters equal every value in `where`. */
export function runsWhere(runs: readonly RunRecord[], where: Record<string, number>): RunRecord[] {
  return runs.filter((r) => r.status === 'ok' && Object.entries(where).every(([k, v]) => r.values[k] === v));
}

/** The summary of the runs that count (latestByRun) against the plan they ran. */
export function summariseSweep(planFile: PlanFile, results: Pick<SweepResults, 'records' | 'notes'>): SweepSummary {
  const { plan } = planFile;
  const runs = [...latestByRun(results.records).values()].sort((a, b) => a.run - b.run);
  const notes = [...results.notes];
  const distinct = new Map<string, Set<number>>();
  for (const r of runs) {
    for (const [k, v] of Object.entries(r.values)) (distinct.get(k) ?? distinct.set(k, new Set()).get(k)!).add(v);
  }
  const planOrder: readonly string[] = plan.factors.map((f) => f.key);
  const rank = (k: string) => (planOrder.includes(k) ? planOrder.indexOf(k) : planOrder.length);
  const factors: Factor[] = [...distinct.entries()]
    .filter(([, vs]) => vs.size > 1)
    .sort(([a], [b]) => rank(a) - rank(b) || a.localeCompare(b))
    .map(([key, vs]) => ({
      key,
      values: [...vs].sort((a, b) => a - b),
      scale: plan.factors.find((f) => f.key === key)?.scale ?? 'linear',
      label: parameterLabel(key),
      unit: parameterUnit(key),
    }));
  const constants = Object.fromEntries([...distinct.entries()].filter(([, vs]) => vs.size === 1).map(([k, vs]) => [k, [...vs][0]!]));
  const readouts = plan.readouts.map(readoutInfo);
  const series = plan.series.map(readoutInfo);
  const armKeys = [...new Set((plan.arms ?? []).flatMap((a) => Object.keys(a.parameters)))];
  const arms = groupArms(plan, runs, factors, armKeys, readouts);
  const beyond = runs.filter((r) => r.run >= planFile.runs).map((r) => r.run);
  const missing = planFile.runs - (runs.length - beyond.length);
  if (beyond.length > 0) notes.push(`runs ${beyond.join(', ')} are numbered beyond the plan's ${planFile.runs} runs`);
  const ok = runs.filter((r) => r.status === 'ok').length;
  return { plan: planFile, factors, constants, armKeys, readouts, series, arms, runs, ok, failed: runs.length - ok, missing, notes };
}

/** The factors that name a run: all of them, less those its arm's name already says. */
export function namingFactors(factors: readonly Factor[], armKeys: readonly string[], arm: string | null): string[] {
  return factors.map((f) => f.key).filter((k) => arm === null || !armKeys.includes(k));
}

/** An arm's label without what a figure says elsewhere: its arm name, or one factor's value. */
export function armLabelWithout(summary: SweepSummary, arm: Arm, omit: { name?: boolean; factor?: string }): string {
  const keys = namingFactors(summary.factors, summary.armKeys, arm.name).filter((k) => k !== omit.factor);
  return armLabel(omit.name ? null : arm.name, arm.values, keys);
}

// Arms in the plan's arm order, then by factor values, so tables and legends read as a grid.
function groupArms(
  plan: SweepPlan, runs: readonly RunRecord[], factors: readonly Factor[], armKeys: readonly string[], readouts: readonly Readout[],
): Arm[] {
  const keys = factors.map((f) => f.key);
  const byKey = new Map<string, Arm>();
  for (const r of runs) {
    const key = JSON.stringify([r.arm, ...keys.map((k) => r.values[k])]);
    let arm = byKey.get(key);
    if (!arm) {
      const label = armLabel(r.arm, r.values, namingFactors(factors, armKeys, r.arm));
      arm = { key, name: r.arm, values: r.values, label, ok: [], failed: [], stats: {} };
      byKey.set(key, arm);
    }
    (r.status === 'ok' ? arm.ok : arm.failed).push(r);
  }
  const armNames = (plan.arms ?? []).map((a) => a.name);
  const armRank = (name: string | null) => (name === null ? -1 : armNames.includes(name) ? armNames.indexOf(name) : armNames.length);
  const arms = [...byKey.values()].sort((a, b) => {
    const byName = armRank(a.name) - armRank(b.name) || (a.name ?? '').localeCompare(b.name ?? '');
    if (byName !== 0) return byName;
    for (const k of keys) if (a.values[k] !== b.values[k]) return a.values[k]! - b.values[k]!;
    return 0;
  });
  for (const arm of arms) {
    for (const r of readouts) arm.stats[r.name] = statOf(arm.ok.map((run) => run.readouts?.[r.name]));
  }
  return arms;
}
