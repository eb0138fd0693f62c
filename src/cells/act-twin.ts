// Double-precision twin of one cancer cell's step in shaders/cells/act.wgsl: the same branches
// in the same order, the same counter-based draws, the same bilinear sampling and reflection.
// Each decision it takes is reported with its value and threshold, because f32 rounding on the
// GPU can flip a decision that lands within rounding of its threshold; a comparison sets those
// cells aside instead of loosening every tolerance.
import { uniform4 } from '../model/rng.ts';
import type { CellRuleParams } from './cell-params.ts';
import { COMPARTMENT } from './initial.ts';
import { COUNTER_NAMES, COUNTERS, GROUPS, type CounterName } from './ledger.ts';
import { chance, divisionRate, eventTime, iapLife, lifeIapAt, lifeProtectedTime, motilityAt, motilityTime, passageLevel, poreSpeed, smacEffect, squeezePerMicron, squeezedMotility, stressSpeed, wrapAngle, type IapLife } from './rules.ts';

export const STREAM_FATE = 12;
export const STREAM_WALK = 16;
export const STREAM_SEGMENT = 17;
export const STREAM_SQUEEZE = 18;

const PER_GROUP = 4;
const GROUP_SLOT = { nk: 0, anoikis: 1, survived: 2, metastases: 3 } as const;
const { tissue: TISSUE, suspended: SUSPENDED, circulating: CIRCULATING, lung: LUNG, held: HELD } = COMPARTMENT;

/** A comparison the step made, so a caller can tell which outcomes f32 rounding could flip. */
export interface Decision {
  name: string;
  /** draw: a uniform against a probability; field: a sampled field or clock against a level;
   * path: a field sampled where the move goes, so it also carries the move's error; place: a
   * position walked to against the nearest grid line, where a cell-wise field (pores) jumps. */
  kind: 'draw' | 'field' | 'path' | 'place';
  value: number;
  threshold: number;
  /** For a draw against a probability that depends on the move: how much it changes per µm. */
  perMicron?: number;
}

export interface ActOutcome {
  body: number[];
  tag: number[];
  alive: boolean;
  born: boolean;
  /** Ledger words this cell adds 1 to (layout in shaders/cells/agents.wgsl). */
  ledger: number[];
  /** Its chance to enter a capillary this step, added to the ledger's expected intravasations. */
  expectedIntravasation: number;
  /** Entering the blood, its chance to survive blood and lung, added to the expected extravasations. */
  expectedExtravasation: number;
  decisions: Decision[];
  /** The length of the path the cell walked in µm (0 when it did not walk). */
  reach: number;
  /** Substeps walked (0 when the cell did not walk). */
  substeps: number;
  /** Whether a substep's move was reflected off the domain's edge or the assay wall. */
  bounces: ReadonlySet<'edge' | 'wall'>;
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
  const fate = uniform4(p.seed, t[0], p.step, STREAM_FATE);
  const here = sampleEnv(p, env, pos[0], pos[1], 0);
  const site = sampleEnv(p, env, pos[0], pos[1], 1);
  let born = false;
  let reach = 0;
  let substeps = 0;
  const bounces = new Set<'edge' | 'wall'>();

  const smacSeen = (timer: number, field: number) => {
    if (t[1] === TISSUE) return field;
    if (t[1] === CIRCULATING || t[1] === LUNG) return p.plasma_smac;
    const dosed = ((p.medium_groups >>> Math.min(t[3], 31)) & 1) !== 0;
    if (t[1] === SUSPENDED && dosed && lt('medium pulse', 'field', timer, p.medium_smac_minutes)) return p.medium_smac;
    return 0;
  };
  // The stabilisation clock (minutes since the last squeeze, aged by the SMAC mimetic): `clock` at `clockAt`.
  const ready = (clockMinutes: number) => t[2] === 0 || !lt('refractory', 'field', clockMinutes, p.squeeze_refractory * 60);

  // Only a decision when hypoxia's route is on: otherwise both branches give baseline 1.
  const routeOn = p.hypoxic_iap !== 1 || p.hypoxic_motility !== 1;
  const hypoxic = t[1] === TISSUE && routeOn && lt('hypoxic', 'field', here[0], p.hypoxia_mmhg);
  let iapBase = hypoxic ? p.hypoxic_iap : 1;
  let m0 = bio[1];
  let mAnchor = 0;
  let mBase = hypoxic ? p.hypoxic_motility : 1;
  let clock = bio[2] * 60;
  let clockAt = 0;
  const clockNow = (at: number) => clock + (1 + p.smac_hold_ageing * life.held.effect) * (at - clockAt);
  const lifeFrom = (timer: number, field: number, iap: number, at: number) => {
    const effect = smacEffect(p, smacSeen(timer, field));
    const hold = t[2] > 0 ? p.iap_hold - clock : 0;
    return iapLife(p, iap, effect, at, hold, Math.max(passageLevel(p, t[2]), iapBase), iapBase);
  };
  let life: IapLife = lifeFrom(bio[3], here[1], bio[0], 0);
  const move = (at: number) => {
    const iap = lifeIapAt(life, at);
    clock = clockNow(at);
    clockAt = at;
    m0 = motilityAt(p, m0, mAnchor, at, mBase);
    mAnchor = at;
    mBase = 1;
    iapBase = 1;
    life = lifeFrom(0, 0, iap, at);
  };
  let now = 0;
  const squeezeAt = (at: number) => {
    const iap = lifeIapAt(life, at);
    m0 = squeezedMotility(p, motilityAt(p, m0, mAnchor, at, mBase));
    mAnchor = at;
    t[2] += 1;
    life = iapLife(p, iap, life.held.effect, at, p.iap_hold, Math.max(passageLevel(p, t[2]), iapBase), iapBase);
    clock = 0;
    clockAt = at;
    count('squeezes');
  };

  let dies = false;
  let expectedIntravasation = 0;
  let expectedExtravasation = 0;
  if (killed) {
    dies = true;
    count('nkTissue');
    countGroup('nk');
  }

  if (!dies && t[1] === TISSUE) {
    const necrosis = (lt('anoxia', 'field', here[0], p.necrosis_mmhg) ? p.necrosis_rate : 0) * dt;
    const detached = lt('detached density', 'field', site[2], p.detached_density) && lt('detached ECM', 'field', site[3], p.detached_ecm);
    const anoikis = detached ? p.anoikis_rate * lifeProtectedTime(life, p.iap_protection, 0, dt) : 0;
    const entry = p.intravasation_rate * site[1] * motilityTime(p, m0, 0, 0, dt, mBase);
    const total = necrosis + anoikis + entry;
    if (entry > 0) expectedIntravasation = (chance(total, 1) * entry) / total;
    if (lt('tissue event', 'draw', fate[0], chance(total, 1))) {
      // The GPU compares fate.y·total with the hazards' partial sums; the margin is the draw's distance.
      lt('necrosis', 'draw', fate[1], necrosis / total);
      lt('anoikis or entry', 'draw', fate[1], (necrosis + anoikis) / total);
      const which = fate[1] * total;
      if (which < necrosis) {
        dies = true;
        count('necrosis');
      } else if (which < necrosis + anoikis) {
        dies = true;
        count('anoikisTissue');
        countGroup('anoikis');
      } else {
        now = eventTime(total, fate[2], dt);
        if (p.intravasation_primes !== 0 && ready(clockNow(now))) squeezeAt(now);
        const primed = !lt('primed at entry', 'field', lifeIapAt(life, now), p.primed_iap);
        t[1] = CIRCULATING;
        bio[3] = 0;
        pos[3] = primed ? 1 : 0;
        move(now);
        count('intravasations');
        if (primed) count('intravasationsPrimed');
        const circulation = p.transit + p.lung_time;
        expectedExtravasation = Math.exp(-(p.anoikis_rate * lifeProtectedTime(life, p.iap_protection, now, now + circulation)
          + p.blood_nk_rate * lifeProtectedTime(life, p.nk_protection, now, now + circulation)));
      }
    } else {
      const delta = p.walk_substep;
      let normals = [0, 0, 0, 0];
      let squeezeDraws = [0, 0, 0, 0];
      for (let k = 0; k < p.walk_steps; k++) {
        if (k % 4 === 0) {
          const u = uniform4(p.seed, t[0], (p.step * 16 + Math.floor(k / 4)) >>> 0, STREAM_WALK);
          normals = [...normal2(u[0], u[1]), ...normal2(u[2], u[3])];
          squeezeDraws = uniform4(p.seed, t[0], (p.step * 16 + Math.floor(k / 4)) >>> 0, STREAM_SQUEEZE);
        }
        pos[2] = wrapAngle(pos[2] + normals[k % 4] * p.walk_turn);
        if (k > 0) {
          const gap = cellEdge(p, env, pos[0], pos[1], (d, here) => poreSpeed(d, p.nucleus) !== poreSpeed(here, p.nucleus));
          if (gap < Infinity) decisions.push({ name: 'pore cell', kind: 'place', value: gap, threshold: 0 });
        }
        const m = motilityAt(p, m0, mAnchor, (k + 0.5) * delta, mBase);
        const pore = poreAt(p, env, pos[0], pos[1]);
        const vonMises = sampleEnv(p, env, pos[0], pos[1], 0)[3];
        const v = p.speed * m * poreSpeed(pore, p.nucleus) * stressSpeed(vonMises, p.stress_decay);
        const stride = v * p.walk_stride;
        const drift = v * delta;
        const raw = [pos[0] + stride * Math.cos(pos[2]) + drift * p.bias_x, pos[1] + stride * Math.sin(pos[2]) + drift * p.bias_y];
        if (raw[0] < 0 || raw[1] < 0 || raw[0] >= p.nx * p.h || raw[1] >= p.ny * p.h) bounces.add('edge');
        if (p.wall_x > 0 && pos[0] < p.wall_x !== raw[0] < p.wall_x) bounces.add('wall');
        const to = confineToDomain(p, pos[0], raw[0], raw[1], pos[2]);
        reach += stride + drift * Math.hypot(p.bias_x, p.bias_y);
        substeps++;
        const end = (k + 1) * delta;
        const walked = Math.hypot(raw[0] - pos[0], raw[1] - pos[1]);
        const hazard = squeezePerMicron(p, pore) * walked;
        const chance = 1 - Math.exp(-hazard);
        if (ready(clockNow(end))) {
          // Had the cell been in a neighbouring grid cell, its pores would set both the walked
          // length (through the speed) and the hazard per µm.
          const squeezesWith = (d: number) => squeezeDraws[k % 4] < 1 - Math.exp(-squeezePerMicron(p, d) * walked * poreSpeed(d, p.nucleus) / poreSpeed(pore, p.nucleus));
          const gap = k === 0 ? Infinity : cellEdge(p, env, pos[0], pos[1], (d, here) => squeezesWith(d) !== squeezesWith(here));
          if (gap < Infinity) decisions.push({ name: 'squeeze pore cell', kind: 'place', value: gap, threshold: 0 });
          // The walked length goes as the speed, whose stress factor the position's error shifts.
          const perMicron = (1 - chance) * hazard * 0.5 * p.stress_decay * gradientOf(p, env, pos[0], pos[1], 0, 3);
          decisions.push({ name: 'squeeze', kind: 'draw', value: squeezeDraws[k % 4], threshold: chance, perMicron });
          if (squeezeDraws[k % 4] < chance) squeezeAt(end);
        }
        pos[0] = to[0];
        pos[1] = to[1];
        pos[2] = to[2];
      }
      if (p.proliferation !== 0) {
        decisions.push({ name: 'room', kind: 'field', value: site[2], threshold: 1 });
        pos[3] += dt * divisionRate(p, here[0], here[2], site[2]);
        if (!lt('division', 'field', pos[3], 1)) born = true;
      }
      now = dt;
    }
  }

  if (!dies && t[1] === HELD) {
    if (lt('held timer', 'field', dt, bio[3])) {
      bio[3] -= dt;
      now = dt;
    } else {
      now = Math.max(bio[3], 0);
      t[1] = SUSPENDED;
      bio[3] = 0;
      move(now);
    }
  }

  if (!dies && t[1] === SUSPENDED && now < dt) {
    let len = dt - now;
    const leaves = p.window > 0 && !lt('assay window', 'field', len, p.window - bio[3]);
    if (leaves) len = Math.max(p.window - bio[3], 0);
    const hazard = p.anoikis_rate * lifeProtectedTime(life, p.iap_protection, now, now + len);
    const draw = uniform4(p.seed, t[0], (p.step * 4) >>> 0, STREAM_SEGMENT);
    if (lt('suspended anoikis', 'draw', draw[0], chance(hazard, 1))) {
      dies = true;
      count('anoikisSuspended');
      countGroup('anoikis');
    } else if (leaves) {
      dies = true;
      count('survivedWindow');
      countGroup('survived');
    } else {
      bio[3] += len;
      now = dt;
    }
  }

  // Blood, then the lung, then extravasation: at most three timed segments in one step.
  for (let k = 0; k < 3; k++) {
    if (dies || now >= dt || (t[1] !== CIRCULATING && t[1] !== LUNG)) break;
    const limit = t[1] === CIRCULATING ? p.transit : p.lung_time;
    let len = dt - now;
    const ends = !lt(t[1] === CIRCULATING ? 'transit' : 'extravasation', 'field', len, limit - bio[3]);
    if (ends) len = Math.max(limit - bio[3], 0);
    const anoikis = p.anoikis_rate * lifeProtectedTime(life, p.iap_protection, now, now + len);
    const nk = p.blood_nk_rate * lifeProtectedTime(life, p.nk_protection, now, now + len);
    const draw = uniform4(p.seed, t[0], (p.step * 4 + 1 + k) >>> 0, STREAM_SEGMENT);
    if (lt('blood death', 'draw', draw[0], chance(anoikis + nk, 1))) {
      dies = true;
      lt('anoikis or NK', 'draw', draw[1], anoikis / (anoikis + nk));
      if (draw[1] * (anoikis + nk) < anoikis) {
        count(t[1] === CIRCULATING ? 'anoikisBlood' : 'anoikisLung');
        countGroup('anoikis');
      } else {
        count('nkBlood');
        countGroup('nk');
      }
    } else if (!ends) {
      bio[3] += len;
      now = dt;
    } else if (t[1] === CIRCULATING) {
      t[1] = LUNG;
      bio[3] = 0;
      now += len;
      count('lungArrests');
    } else {
      dies = true;
      const primed = pos[3] >= 0.5;
      count('extravasated');
      if (primed) count('extravasatedPrimed');
      if (lt('seeding', 'draw', draw[2], p.seeding)) {
        count('metastases');
        countGroup('metastases');
        if (primed) count('metastasesPrimed');
      }
    }
  }

  bio[0] = lifeIapAt(life, dt);
  bio[1] = motilityAt(p, m0, mAnchor, dt, mBase);
  bio[2] = clockNow(dt) / 60;
  return { body: [...pos, ...bio], tag: t, alive: !dies, born: born && !dies, ledger, expectedIntravasation, expectedExtravasation, decisions, reach, substeps, bounces };
}

/** Box–Muller, with 1 − u keeping the log finite, as normal2 in agents.wgsl. */
export function normal2(u: number, v: number): [number, number] {
  const r = Math.sqrt(-2 * Math.log(1 - u));
  const a = Math.PI * (2 * v - 1);
  return [r * Math.cos(a), r * Math.sin(a)];
}

/**
 * How far a point lies from the nearest grid cell (across an edge or a corner) whose pores would
 * change what the step does, as `differs` tells (µm; Infinity if none of those nearby would).
 */
function cellEdge(p: CellRuleParams, env: ArrayLike<number>, x: number, y: number, differs: (pore: number, here: number) => boolean): number {
  const here = poreAt(p, env, x, y);
  const fx = x / p.h - Math.floor(x / p.h), fy = y / p.h - Math.floor(y / p.h);
  const sx = fx < 0.5 ? -1 : 1, sy = fy < 0.5 ? -1 : 1;
  const dx = Math.min(fx, 1 - fx) * p.h, dy = Math.min(fy, 1 - fy) * p.h;
  let gap = Infinity;
  for (const [ox, oy, d] of [[sx, 0, dx], [0, sy, dy], [sx, sy, Math.max(dx, dy)]]) {
    if (differs(poreAt(p, env, x + ox * p.h, y + oy * p.h), here)) gap = Math.min(gap, d);
  }
  return gap;
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

/**
 * A bound on how fast a bilinearly sampled field changes per µm that a point moves in x plus per µm
 * in y, near (x, y): the steepest differences between neighbouring grid cells around it.
 */
function gradientOf(p: CellRuleParams, env: ArrayLike<number>, x: number, y: number, part: 0 | 1, k: number): number {
  const ci = clamp(Math.floor(x / p.h), 0, p.nx - 1), cj = clamp(Math.floor(y / p.h), 0, p.ny - 1);
  const at = (i: number, j: number) => env[8 * (clamp(j, 0, p.ny - 1) * p.nx + clamp(i, 0, p.nx - 1)) + 4 * part + k];
  let gx = 0, gy = 0;
  for (let j = cj - 1; j <= cj + 1; j++) for (let i = ci - 1; i <= ci; i++) gx = Math.max(gx, Math.abs(at(i + 1, j) - at(i, j)));
  for (let j = cj - 1; j <= cj; j++) for (let i = ci - 1; i <= ci + 1; i++) gy = Math.max(gy, Math.abs(at(i, j + 1) - at(i, j)));
  return (gx + gy) / p.h;
}

/** Reflection of position and heading off the domain's edges and the assay wall (confine_to_domain in act.wgsl). */
export function confineToDomain(p: CellRuleParams, x0: number, x: number, y: number, heading: number): [number, number, number] {
  const sx = p.nx * p.h, sy = p.ny * p.h;
  let flipX = false, flipY = false;
  if (x < 0) [x, flipX] = [-x, !flipX];
  if (y < 0) [y, flipY] = [-y, !flipY];
  if (x >= sx) [x, flipX] = [2 * sx - x, !flipX];
  if (y >= sy) [y, flipY] = [2 * sy - y, !flipY];
  if (p.wall_x > 0 && x0 < p.wall_x !== x < p.wall_x) [x, flipX] = [2 * p.wall_x - x, !flipX];
  let a = heading;
  if (flipX) a = Math.fround(Math.fround(Math.PI) - a);
  if (flipY) a = -a;
  return [clamp(x, 0, sx * 0.99999), clamp(y, 0, sy * 0.99999), wrapAngle(a)];
}

function clamp(v: number, lo: number, hi: number): number {
  return Math.min(hi, Math.max(lo, v));
}
