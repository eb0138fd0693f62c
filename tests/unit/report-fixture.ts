// A synthetic sweep with numbers known by construction, for the report tests: tumour stiffness
// (10, 20, 40 kPa, linear) × softener dose (0, 0.5, 1, log) × 3 replicates. Replicate r of a
// setting reads
//   lung_metastases = stiffness/2 − 4·dose + 2·(r − 1)     (mean stiffness/2 − 4·dose, sd 2)
//   extravasated    = 10·stiffness + (r − 1)               (mean 10·stiffness, sd 1)
// and live_tissue(t) = 100 + stiffness·t + (r − 1)·t at t = 0, 1, 2 days. Runs 0–26 are ok,
// run 27 failed and run 28 is missing from the results.
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { planHash } from '../../src/sweep/load-plan.ts';
import type { SweepPlan } from '../../src/sweep/plan.ts';

export const STIFFNESS = [10, 20, 40];
export const DOSES = [0, 0.5, 1];
export const PLANNED_RUNS = 29;

export interface RunLine {
  format: string;
  run: number;
  arm: string | null;
  values: Record<string, number>;
  replicate: number;
  seed: number;
  status: 'ok' | 'failed';
  [more: string]: unknown;
}

/** plan.json as `confine sweep` writes it; `changes` replace fields of the plan itself. */
export function syntheticPlan(changes: Record<string, unknown> = {}, runs = PLANNED_RUNS): Record<string, unknown> {
  const plan = {
    name: 'stiffness × softening',
    description: 'Synthetic sweep for the report tests.',
    scenarioSource: 'default',
    scenario: { name: 'default' },
    factors: [
      { key: 'tumourStiffnessKPa', values: STIFFNESS, scale: 'linear' },
      { key: 'softenerDoseRelative', values: DOSES, scale: 'log' },
    ],
    arms: null,
    seeds: [1, 2, 3],
    readouts: ['lung_metastases', 'extravasated'],
    series: ['live_tissue'],
  };
  const stored = { ...plan, ...changes };
  return { format: 'confine-sweep-plan/1', planHash: planHash(stored as unknown as SweepPlan), runs, scenarioDir: '.', plan: stored };
}

export function syntheticRuns(): RunLine[] {
  const lines: RunLine[] = [];
  for (const stiffness of STIFFNESS) {
    for (const dose of DOSES) {
      for (let r = 0; r < 3; r++) {
        const dev = r - 1;
        lines.push({
          format: 'confine-sweep-run/1', run: lines.length, arm: null,
          values: { tumourStiffnessKPa: stiffness, softenerDoseRelative: dose }, replicate: r, seed: r + 1, status: 'ok',
          steps: 12, simulatedDays: 2,
          readouts: { lung_metastases: stiffness / 2 - 4 * dose + 2 * dev, extravasated: 10 * stiffness + dev },
          series: { time: [0, 1, 2], live_tissue: [0, 1, 2].map((t) => 100 + stiffness * t + dev * t) },
          nonFinite: [],
          timing: { wallSeconds: 1, finishedAt: `2026-03-01T10:${String(lines.length).padStart(2, '0')}:00.000Z`, adapter: 'Test GPU [node-dawn]', software: '0.1.0 (abc1234)' },
        });
      }
    }
  }
  lines.push({
    format: 'confine-sweep-run/1', run: 27, arm: null, values: { tumourStiffnessKPa: 40, softenerDoseRelative: 1 },
    replicate: 3, seed: 4, status: 'failed', error: 'device lost', steps: 0, simulatedDays: 0,
    timing: { wallSeconds: 1, finishedAt: '2026-03-01T11:00:00.000Z', adapter: 'Test GPU [node-dawn]' },
  });
  return lines;
}

export const jsonl = (lines: readonly object[]) => lines.map((l) => `${JSON.stringify(l)}\n`).join('');

/**
 * The sweep as `confine sweep` leaves it, sharded in two: results.jsonl holds the even runs,
 * an earlier failed attempt at run 5 and a cut-off last line; the shard holds the odd runs.
 */
export function writeSyntheticSweep(dir: string): void {
  mkdirSync(dir, { recursive: true });
  const runs = syntheticRuns();
  writeFileSync(join(dir, 'plan.json'), `${JSON.stringify(syntheticPlan(), null, 2)}\n`);
  const firstAttempt = { ...runs[5]!, status: 'failed', error: 'out of memory', readouts: undefined, series: undefined,
    timing: { wallSeconds: 1, finishedAt: '2026-03-01T09:00:00.000Z' } };
  writeFileSync(join(dir, 'results.jsonl'), `${jsonl(runs.filter((r) => r.run % 2 === 0))}{"format":"confine-sweep-run/1","run":3,"sta`);
  writeFileSync(join(dir, 'results.shard-1-of-2.jsonl'), jsonl([firstAttempt, ...runs.filter((r) => r.run % 2 === 1)]));
}

/**
 * Throws unless `xml` is well-formed as far as the report's SVG needs: every tag closed in
 * order, attributes quoted, no bare < or & in text. Node has no XML parser to ask.
 */
export function assertWellFormedXml(xml: string): void {
  const stack: string[] = [];
  const tag = /<(\/?)([A-Za-z][\w:-]*)((?:\s+[\w:-]+="[^"<]*")*)\s*(\/?)>|<!--[\s\S]*?-->/g;
  let last = 0;
  for (let m = tag.exec(xml); m !== null; m = tag.exec(xml)) {
    const text = xml.slice(last, m.index);
    if (/[<]|&(?!(amp|lt|gt|quot|apos|#\d+);)/.test(text)) throw new Error(`bare < or & before offset ${m.index}: ${text.slice(0, 60)}`);
    last = tag.lastIndex;
    if (m[0].startsWith('<!--')) continue;
    const [, closing, name, , selfClosing] = m;
    if (closing) {
      const open = stack.pop();
      if (open !== name) throw new Error(`</${name}> at offset ${m.index} closes <${open}>`);
    } else if (!selfClosing) stack.push(name!);
  }
  if (/[<]/.test(xml.slice(last))) throw new Error(`unparsed markup after offset ${last}`);
  if (stack.length > 0) throw new Error(`unclosed <${stack.join('>, <')}>`);
}
