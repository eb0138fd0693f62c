// Double-precision twin of one cancer cell's step in shaders/cells/act.wgsl: the same branches
// in the same order, the same counter-based draws, the same bilinear sampling and reflection.
// Each decision it takes is reported with its value and threshold, because f32 rounding on the
// GPU can flip a decision that lands within rounding of its threshold; a comparison sets those
// cells aside instead of loosening every tolerance.
import { uniform4 } from '../model/rng.ts';
import type { CellRuleParams } from './cell-params.ts';
import { COMPARTMENT } from './initial.ts';
import { COUNTER_NAMES, GROUPS, type CounterName } from './ledger.ts';
import { anoikisRate, chance, divisionRate, nextIap, nextMotility, nkProtection, poreSpeed, smacEffect, squeezed, stressSpeed, wrapAngle } from './rules.ts';

export const STREAM_ACT = 11;
export const STREAM_FATE = 12;

const COUNTERS = 16;
const PER_GROUP = 4;
const GROUP_SLOT = { nk: 0, anoikis: 1, survived: 2, metastases: 3 } as const;
const { tissue: TISSUE, suspended: SUSPENDED, circulating: CIRCULATING, lung: LUNG, held: HELD } = COMPARTMENT;

/** A comparison the step made, so a caller can tell which outcomes f32 rounding could flip. */
export interface Decision {
  name: string;
  /** draw: a uniform against a probability; field: a sampled field or clock against a level;
   * path: a field sampled where the move goes, so it also carries the move's error. */
  kind: 'draw' | 'field' | 'path';
  value: number;
  threshold: number;
}

export interface ActOutcome {
  body: number[];
  tag: number[];
  alive: boolean;
  born: boolean;
  /** Ledger words this cell adds 1 to (layout in shaders/cells/agents.wgsl). */
  ledger: number[];
  decisions: Decision[];
  /** The random walk's step length v·dt in µm (0 when the cell did not walk). */
  reach: number;
}

/**
 * One step of one cell. `p`: the CellParams values as the GPU holds them (f32 fields rounded);
 * `env`: two vec4 per grid cell; `body`, `tag`: the cell's 8 floats and 4 words; `killed`: its
 * killer flag.
 */
export function actTwin(p: CellRuleParams, env: ArrayLike<number>, body: ArrayLike<number>, tag: ArrayLike<number>, killed: boolean): ActOutcome {
  const pos = Array.from(body).slice(0, 4);
  const bio = Array.from(body).slice(4, 8);
  const t = Array.from(tag).slice(0, 4);
  const ledger: number[] = [];
  const decisions: Decision[] = [];
  const lt = (name: string, kind: Decision['kind'], value: number, threshold: number) => {
    decisions.push({ name, kind, value, threshold });
    return value < threshold;
  };
  const count = (what: CounterName) => ledger.push(COUNTER_NAMES.indexOf(what));
  const countGroup = (what: keyof typeof GROUP_SLOT) => ledger.push(COUNTERS + Math.min(t[3], GROUPS - 1) * PER_GROUP + GROUP_SLOT[what]);
  const dt = p.dt;
  const u = uniform4(p.seed, t[0], p.step, STREAM_ACT);
  const fate = uniform4(p.seed, t[0], p.step, STREAM_FATE);
  const here = sampleEnv(p, env, pos[0], pos[1], 0);
  const site = sampleEnv(p, env, pos[0], pos[1], 1);
  let born = false;
  let reach = 0;

  let smac = 0;
  if (t[1] === TISSUE) smac = here[1];
  if (t[1] === CIRCULATING || t[1] === LUNG) smac = p.plasma_smac;
  const dosed = ((p.medium_groups >>> Math.min(t[3], 31)) & 1) !== 0;
  if (t[1] === SUSPENDED && dosed && lt('medium pulse', 'field', bio[3], p.medium_smac_minutes)) smac = p.medium_smac;
  const effect = smacEffect(p, smac);
  bio[0] = nextIap(p, bio[0], effect);
  const free = bio[0] * (1 - effect);
  bio[1] = nextMotility(p, bio[1]);
  bio[2] += dt / 60;

  let dies = false;
  if (killed) {
    dies = true;
    count('nkTissue');
    countGroup('nk');
  }

  if (!dies && t[1] === TISSUE) {
    const necrosis = lt('anoxia', 'field', here[0], p.necrosis_mmhg) ? p.necrosis_rate : 0;
    const detached = lt('detached density', 'field', site[2], p.detached_density) && lt('detached ECM', 'field', site[3], p.detached_ecm);
    const anoikis = detached ? anoikisRate(p, free) : 0;
    if (lt('tissue death', 'draw', fate[0], chance(necrosis + anoikis, dt))) {
      dies = true;
      // The GPU compares fate.y·(total) with necrosis; the margin is the draw's distance in [0, 1).
      lt('necrosis or anoikis', 'draw', fate[1], necrosis / (necrosis + anoikis));
      if (fate[1] * (necrosis + anoikis) < necrosis) count('necrosis');
      else {
        count('anoikisTissue');
        countGroup('anoikis');
      }
    } else if (site[1] > 0 && lt('intravasation', 'draw', fate[2], chance(p.intravasation_rate * bio[1] * site[1], dt))) {
      t[1] = CIRCULATING;
      bio[3] = 0;
      squeeze(p, bio, t);
      count('intravasations');
      count('squeezes');
    } else {
      pos[2] = wrapAngle(pos[2] + normal2(u[0], u[1])[0] * Math.sqrt((2 * dt) / p.persistence));
      const pore = poreAt(p, env, pos[0], pos[1]);
      const v = p.speed * bio[1] * poreSpeed(pore, p.nucleus) * stressSpeed(here[3], p.stress_decay);
      reach = v * dt;
      const to = confineToDomain(p, pos[0], pos[0] + reach * (Math.cos(pos[2]) + p.bias_x), pos[1] + reach * (Math.sin(pos[2]) + p.bias_y));
      const middle = poreAt(p, env, 0.5 * (pos[0] + to[0]), 0.5 * (pos[1] + to[1]));
      const narrowest = Math.min(middle, poreAt(p, env, to[0], to[1]));
      const ready = t[2] === 0 || bio[2] >= p.squeeze_refractory;
      if (ready && lt('squeeze', 'path', narrowest, p.critical_pore) && Math.hypot(to[0] - pos[0], to[1] - pos[1]) > 0) {
        squeeze(p, bio, t);
        count('squeezes');
      }
      pos[0] = to[0];
      pos[1] = to[1];
      if (p.proliferation !== 0) {
        decisions.push({ name: 'room', kind: 'field', value: site[2], threshold: 1 });
        pos[3] += dt * divisionRate(p, here[0], here[2], site[2]);
        if (!lt('division', 'field', pos[3], 1)) born = true;
      }
    }
  } else if (!dies && t[1] === HELD) {
    bio[3] -= dt;
    if (!lt('held timer', 'field', 0, bio[3])) {
      t[1] = SUSPENDED;
      bio[3] = 0;
    }
  } else if (!dies && t[1] === SUSPENDED) {
    bio[3] += dt;
    if (lt('suspended anoikis', 'draw', fate[0], chance(anoikisRate(p, free), dt))) {
      dies = true;
      count('anoikisSuspended');
      countGroup('anoikis');
    } else if (p.window > 0 && !lt('assay window', 'field', bio[3], p.window)) {
      dies = true;
      count('survivedWindow');
      countGroup('survived');
    }
  } else if (!dies && (t[1] === CIRCULATING || t[1] === LUNG)) {
    bio[3] += dt;
    const anoikis = anoikisRate(p, free);
    const nk = p.blood_nk_rate * nkProtection(p, free);
    if (lt('blood death', 'draw', fate[0], chance(anoikis + nk, dt))) {
      dies = true;
      lt('anoikis or NK', 'draw', fate[1], anoikis / (anoikis + nk));
      if (fate[1] * (anoikis + nk) < anoikis) {
        count(t[1] === CIRCULATING ? 'anoikisBlood' : 'anoikisLung');
        countGroup('anoikis');
      } else {
        count('nkBlood');
        countGroup('nk');
      }
    } else if (t[1] === CIRCULATING && !lt('transit', 'field', bio[3], p.transit)) {
      t[1] = LUNG;
      bio[3] = 0;
      count('lungArrests');
    } else if (t[1] === LUNG && !lt('extravasation', 'field', bio[3], p.lung_time)) {
      dies = true;
      count('extravasated');
      if (lt('seeding', 'draw', fate[2], p.seeding)) {
        count('metastases');
        countGroup('metastases');
      }
    }
  }

  return { body: [...pos, ...bio], tag: t, alive: !dies, born: born && !dies, ledger, decisions, reach };
}

/** A confined passage: IAP and speed rise, the squeeze clock restarts. */
function squeeze(p: CellRuleParams, bio: number[], t: number[]): void {
  bio.splice(0, 4, ...squeezed(p, bio));
  t[2] += 1;
}

/** Box–Muller, with 1 − u keeping the log finite, as normal2 in agents.wgsl. */
export function normal2(u: number, v: number): [number, number] {
  const r = Math.sqrt(-2 * Math.log(1 - u));
  const a = Math.PI * (2 * v - 1);
  return [r * Math.cos(a), r * Math.sin(a)];
}

/** The pore size of the grid cell a point lies in (pore_at in shaders/cells/sample.wgsl). */
export function poreAt(p: CellRuleParams, env: ArrayLike<number>, x: number, y: number): number {
  const i = clamp(Math.floor(x / p.h), 0, p.nx - 1);
  const j = clamp(Math.floor(y / p.h), 0, p.ny - 1);
  return env[8 * (j * p.nx + i) + 4];
}

/** Bilinear in cell centres, clamped at the edges (sample_env in shaders/cells/sample.wgsl). */
export function sampleEnv(p: CellRuleParams, env: ArrayLike<number>, x: number, y: number, part: 0 | 1): number[] {
  const gx = clamp(x / p.h - 0.5, 0, p.nx - 1);
  const gy = clamp(y / p.h - 0.5, 0, p.ny - 1);
  const i0 = Math.min(Math.trunc(gx), p.nx - 1), j0 = Math.min(Math.trunc(gy), p.ny - 1);
  const i1 = Math.min(i0 + 1, p.nx - 1), j1 = Math.min(j0 + 1, p.ny - 1);
  const fx = gx - i0, fy = gy - j0;
  const at = (i: number, j: number, k: number) => env[8 * (j * p.nx + i) + 4 * part + k];
  const mix = (a: number, b: number, f: number) => a * (1 - f) + b * f;
  return [0, 1, 2, 3].map((k) => mix(mix(at(i0, j0, k), at(i1, j0, k), fx), mix(at(i0, j1, k), at(i1, j1, k), fx), fy));
}

/** Reflection off the domain's edges and the assay wall (confine_to_domain in act.wgsl). */
export function confineToDomain(p: CellRuleParams, x0: number, x: number, y: number): [number, number] {
  const sx = p.nx * p.h, sy = p.ny * p.h;
  if (x < 0) x = -x;
  if (y < 0) y = -y;
  if (x >= sx) x = 2 * sx - x;
  if (y >= sy) y = 2 * sy - y;
  if (p.wall_x > 0 && x0 < p.wall_x !== x < p.wall_x) x = 2 * p.wall_x - x;
  return [clamp(x, 0, sx * 0.99999), clamp(y, 0, sy * 0.99999)];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
