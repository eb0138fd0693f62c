// Checks shared by the parameter and scenario validators. Each check appends a sentence to a
// problem list instead of throwing, so one run reports every problem in a file at once; the
// sentence names the JSON path, the value found and what is allowed. Nothing is ever clamped.

export class ScenarioError extends Error {
  override name = 'ScenarioError';
  readonly problems: readonly string[];
  readonly source: string;

  constructor(problems: readonly string[], source: string) {
    const count = problems.length === 1 ? '1 problem' : `${problems.length} problems`;
    super(`${source}: ${count}:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.problems = Object.freeze([...problems]);
    this.source = source;
  }
}

export type Problems = string[];

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value) as unknown;
  return proto === Object.prototype || proto === null;
}

/** A value as it would appear in the JSON, shortened so one bad array cannot flood the report. */
export function describeValue(value: unknown): string {
  if (typeof value === 'number') return Number.isNaN(value) ? 'NaN' : String(value);
  if (value === undefined) return 'undefined';
  const text = JSON.stringify(value) ?? String(value);
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}

/** The start of a problem sentence: what was found at `path`. */
export function found(path: string, value: unknown): string {
  return value === undefined ? `${path} is missing: it` : `${path} = ${describeValue(value)}`;
}

/** Deepest nesting of objects and arrays a scenario or vessel file may have: far more than any needs. */
export const MAX_NESTING = 32;

/**
 * The problem when `json` nests objects or arrays more than MAX_NESTING levels deep, naming the
 * first such value's path under `root` (shortened), else undefined. Walked without recursion, so
 * a file nested thousands of levels deep is refused by name instead of overflowing the stack of
 * the validators that follow.
 */
export function nestingProblem(json: unknown, root: string): string | undefined {
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: json, path: root, depth: 0 }];
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= MAX_NESTING) {
      const shown = path.length > 80 ? `${path.slice(0, 77)}...` : path;
      return `${shown} nests more than ${MAX_NESTING} levels of objects and arrays, deeper than any scenario needs`;
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value);
    for (const [key, v] of entries) stack.push({ value: v, path: childPath(path, key), depth: depth + 1 });
  }
  return undefined;
}

export function childPath(path: string, key: string | number): string {
  if (typeof key === 'number') return `${path}[${key}]`;
  return path === '' ? key : `${path}.${key}`;
}

/** Optimal-string-alignment distance: edits, with a swap of neighbours counting as one. */
function editDistance(a: string, b: string): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => Array.from({ length: b.length + 1 }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i <= a.length; i++) {
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/**
 * The closest candidate, if close enough to be a plausible typo (case ignored): the whole key
 * within half the word's length in edits, or the key's start within a quarter, so a key
 * written without its unit suffix ("tumorStiffness" → "tumourStiffnessKPa") is still found.
 */
function nearest(word: string, candidates: readonly string[]): string | undefined {
  const w = word.toLowerCase();
  const fullLimit = Math.max(2, Math.floor(w.length / 2));
  // Stricter for a start, or every one-letter word would "almost" start some key.
  const startLimit = Math.floor(w.length / 4);
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const c = candidate.toLowerCase();
    const full = editDistance(w, c);
    const start = editDistance(w, c.slice(0, w.length));
    const d = full <= fullLimit ? full : start <= startLimit ? start : Infinity;
    if (d < bestDistance) {
      best = candidate;
      bestDistance = d;
    }
  }
  return best;
}

function suggestion(word: string, candidates: readonly string[]): string {
  const guess = nearest(word, candidates);
  return guess === undefined ? '' : ` (did you mean "${guess}"?)`;
}

/** Reports every key of `obj` that is not in `allowed`. */
export function checkKnownKeys(
  obj: Record<string, unknown>,
  allowed: readonly string[],
  path: string,
  problems: Problems,
): void {
  const where = path === '' ? 'the top level' : path;
  // A long list (the parameter table) would bury the message; the docs list those keys.
  const list = allowed.length <= 12 ? `; allowed: ${allowed.join(', ')}` : '';
  for (const key of Object.keys(obj)) {
    if (!allowed.includes(key)) problems.push(`unknown key "${key}" in ${where}${suggestion(key, allowed)}${list}`);
  }
}

export interface NumberRule {
  readonly min: number;
  readonly max: number;
  /** '1' for dimensionless quantities, which are shown without a unit. */
  readonly unit: string;
  readonly integer?: boolean;
}

export function formatRange(rule: NumberRule): string {
  const unit = rule.unit === '1' ? '' : ` ${rule.unit}`;
  return `[${rule.min}, ${rule.max}]${unit}`;
}

export function checkNumber(value: unknown, path: string, rule: NumberRule, problems: Problems): number | undefined {
  const kind = rule.integer ? 'an integer' : 'a number';
  if (typeof value !== 'number' || !Number.isFinite(value)) {
    const notFinite = typeof value === 'number' ? ' is not finite: it' : '';
    problems.push(`${found(path, value)}${notFinite} must be ${kind} in ${formatRange(rule)}`);
    return undefined;
  }
  if (rule.integer && !Number.isInteger(value)) {
    problems.push(`${path} = ${value} must be an integer in ${formatRange(rule)}`);
    return undefined;
  }
  if (value < rule.min || value > rule.max) {
    problems.push(`${path} = ${value} is out of range ${formatRange(rule)}`);
    return undefined;
  }
  return value;
}

export function checkChoice<T extends string>(
  value: unknown,
  path: string,
  allowed: readonly T[],
  problems: Problems,
): T | undefined {
  if (typeof value === 'string' && (allowed as readonly string[]).includes(value)) return value as T;
  const hint = typeof value === 'string' ? suggestion(value, allowed) : '';
  problems.push(`${found(path, value)} must be one of ${allowed.map((a) => `"${a}"`).join(', ')}${hint}`);
  return undefined;
}

export function checkBoolean(value: unknown, path: string, problems: Problems): boolean | undefined {
  if (typeof value === 'boolean') return value;
  problems.push(`${found(path, value)} must be true or false`);
  return undefined;
}

export function checkText(value: unknown, path: string, problems: Problems, nonEmpty: boolean): string | undefined {
  if (typeof value === 'string' && (!nonEmpty || value.trim() !== '')) return value;
  problems.push(`${found(path, value)} must be a ${nonEmpty ? 'non-empty ' : ''}string`);
  return undefined;
}

/** A required object; reports a missing or non-object value. */
export function checkObject(value: unknown, path: string, problems: Problems): Record<string, unknown> | undefined {
  if (isPlainObject(value)) return value;
  problems.push(
    value === undefined ? `${path} is missing` : `${path} = ${describeValue(value)} must be a JSON object`,
  );
  return undefined;
}

/**
 * The opening every top-level file shares: refused whole when nested past the limit (before any
 * walk of it could overflow the stack), or when not an object; else the object, its unknown keys
 * already in `problems`.
 */
export function readTopObject(json: unknown, what: string, keys: readonly string[], source: string, problems: Problems): Record<string, unknown> {
  const nesting = nestingProblem(json, '');
  if (nesting !== undefined) throw new ScenarioError([nesting], source);
  const obj = checkObject(json, what, problems);
  if (obj === undefined) throw new ScenarioError(problems, source);
  checkKnownKeys(obj, keys, '', problems);
  return obj;
}

/** Freezes a plain-data tree so a validated scenario cannot be edited behind the validator's back. */
export function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    for (const child of Object.values(value)) deepFreeze(child);
    Object.freeze(value);
  }
  return value;
}
