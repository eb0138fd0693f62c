// Mutations of a valid JSON input, for any of confine's JSON formats: one node given a wrong
// type, an out-of-range or non-finite number, an unknown key, a removed key, nesting past the
// limit, a huge array or a long string; several ranged numbers broken at once; or the text
// itself truncated, emptied, damaged or replaced. Each case says what the reader must do.
import fc from 'fast-check';
import type { NumberRule } from '../../../src/model/validation.ts';
import type { Expectation, JsonCase } from './fuzz-case.ts';
import { isObject, nodesOf, pathText, withNode, type Json, type JsonNode, type JsonPath } from './json-tree.ts';

export type MutationKind = 'wrong type' | 'out of range' | 'non-finite' | 'number as string';

/** What the mutators need to know of a format. */
export interface JsonFormat {
  /** How messages name the root: "the scenario", the vessel file's path. */
  readonly rootName: string;
  /** How messages name the node at `path` (the root excluded). */
  readonly mention: (path: JsonPath) => string;
  /** The range of the number at `path`, where known; elsewhere ±1e300 is outside every range. */
  readonly ruleAt: (path: JsonPath) => NumberRule | undefined;
  /** Where the reader may rightly accept a value made invalid (it ignores or overrides it there). */
  readonly mayAccept: (path: JsonPath, kind: MutationKind, replacement: Json) => boolean;
  /** Every key the format knows, anywhere: an inserted key must be none of them to be unknown. */
  readonly knownKeys: ReadonlySet<string>;
}

const NON_FINITE_MARK = '@@non-finite@@';
const NESTED_MARK = '@@nested@@';
/** Nesting well past the parsers' limit of 32 levels, up to where recursion would overflow the stack. */
const NESTING = { min: 40, max: 6000 };
const HUGE_ARRAY = { min: 300, max: 1500 };

function caseOf(value: Json | undefined, mutation: string, expect: Expectation, mentions: JsonCase['mentions'] = []): JsonCase {
  // Removing the root leaves no document at all.
  return { text: value === undefined ? '' : JSON.stringify(value), mutation, expect, mentions };
}

/** The node and its parent as messages name them: a number inside a range may be named by its factor. */
function namesOf(format: JsonFormat, path: JsonPath): string[] {
  if (path.length === 0) return [format.rootName];
  return path.length === 1 ? [format.mention(path)] : [format.mention(path), format.mention(path.slice(0, -1))];
}

function typeOf(value: Json): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

/** Values of each JSON type, some long enough that quoting one whole would echo the file. */
const ANY_OF_TYPE: Readonly<Record<string, fc.Arbitrary<Json>>> = {
  null: fc.constant(null),
  boolean: fc.boolean(),
  number: fc.double({ noNaN: true, noDefaultInfinity: true }),
  string: fc.oneof(fc.string({ maxLength: 20 }), fc.string({ minLength: 100, maxLength: 400 })),
  array: fc.oneof(fc.array(fc.integer(), { maxLength: 3 }), fc.array(fc.integer(), { minLength: 50, maxLength: 200 })),
  object: fc.dictionary(fc.string({ maxLength: 8 }), fc.integer(), { maxKeys: 3 }),
};

/** A node, each depth as likely as any other, so the few top-level fields are mutated as often as the many deep ones. */
function anyOf(nodes: readonly JsonNode[]): fc.Arbitrary<JsonNode> {
  const depths = [...new Set(nodes.map((n) => n.path.length))];
  return fc.constantFrom(...depths).chain((depth) => fc.constantFrom(...nodes.filter((n) => n.path.length === depth)));
}

function otherType(value: Json): fc.Arbitrary<Json> {
  return fc.oneof(...Object.entries(ANY_OF_TYPE).filter(([type]) => type !== typeOf(value)).map(([, arb]) => arb));
}

function outside(rule: NumberRule | undefined): fc.Arbitrary<number> {
  if (rule === undefined) return fc.constantFrom(-1e300, 1e300);
  const scale = fc.double({ min: 1e-6, max: 1e6, noNaN: true }).map((d) => d * Math.max(1, Math.abs(rule.min), Math.abs(rule.max)));
  const below = scale.map((d) => (rule.min - d < rule.min ? rule.min - d : rule.min - 1));
  const above = scale.map((d) => (rule.max + d > rule.max ? rule.max + d : rule.max + 1));
  return rule.integer ? fc.oneof(below, above, fc.constant(rule.min + 0.5)) : fc.oneof(below, above);
}

function invalidValue(format: JsonFormat, node: JsonNode, kind: MutationKind, replacement: Json, value: Json): JsonCase {
  const expect = format.mayAccept(node.path, kind, replacement) ? 'either' : 'refuse';
  return caseOf(value, `${kind} at ${pathText('', node.path) || 'the root'}: ${JSON.stringify(replacement)}`, expect, [namesOf(format, node.path)]);
}

function wrongType(format: JsonFormat, root: Json, nodes: JsonNode[]): fc.Arbitrary<JsonCase> {
  return anyOf(nodes).chain((node) => otherType(node.value).map((replacement) =>
    invalidValue(format, node, 'wrong type', replacement, withNode(root, node.path, replacement)!)));
}

function outOfRange(format: JsonFormat, root: Json, numbers: JsonNode[]): fc.Arbitrary<JsonCase> {
  return anyOf(numbers).chain((node) => outside(format.ruleAt(node.path)).map((replacement) =>
    invalidValue(format, node, 'out of range', replacement, withNode(root, node.path, replacement)!)));
}

function numberAsString(format: JsonFormat, root: Json, numbers: JsonNode[]): fc.Arbitrary<JsonCase> {
  return fc.tuple(anyOf(numbers), fc.constantFrom('NaN', 'Infinity', '-Infinity', '1e999', '')).map(([node, text]) => {
    const replacement = text === '' ? String(node.value) : text;
    return invalidValue(format, node, 'number as string', replacement, withNode(root, node.path, replacement)!);
  });
}

/** JSON has no NaN or Infinity, but a number too large for a double reads as ±Infinity. */
function nonFinite(format: JsonFormat, root: Json, numbers: JsonNode[]): fc.Arbitrary<JsonCase> {
  return fc.tuple(anyOf(numbers), fc.constantFrom('1e999', '-1e999', '1e400')).map(([node, literal]) => {
    const marked = invalidValue(format, node, 'non-finite', literal, withNode(root, node.path, NON_FINITE_MARK)!);
    return { ...marked, text: marked.text.replace(JSON.stringify(NON_FINITE_MARK), literal) };
  });
}

/** Several ranged numbers broken at once: the refusal must name every one. */
function manyOutOfRange(format: JsonFormat, root: Json, ranged: JsonNode[]): fc.Arbitrary<JsonCase> {
  return fc.shuffledSubarray(ranged, { minLength: 2, maxLength: Math.min(6, ranged.length) }).chain((chosen) =>
    fc.tuple(...chosen.map((n) => outside(format.ruleAt(n.path)))).map((values) => {
      const value = chosen.reduce<Json>((acc, n, i) => withNode(acc, n.path, values[i]!)!, root);
      const where = chosen.map((n, i) => `${pathText('', n.path)} = ${values[i]}`).join(', ');
      return caseOf(value, `out of range at ${where}`, 'refuse', chosen.map((n) => namesOf(format, n.path)));
    }));
}

/** A plausible typo of a key, or a key no format has (prototype names included). */
function unknownKeyName(format: JsonFormat, near: readonly string[]): fc.Arbitrary<string> {
  const typo = fc.tuple(fc.constantFrom(...near), fc.nat(), fc.constantFrom('drop', 'double', 'case', 'swap')).map(([key, at, how]) => {
    const i = at % key.length;
    if (how === 'drop') return key.slice(0, i) + key.slice(i + 1);
    if (how === 'double') return key.slice(0, i) + key[i] + key.slice(i);
    if (how === 'case') return key.slice(0, i) + (key[i] === key[i]!.toUpperCase() ? key[i]!.toLowerCase() : key[i]!.toUpperCase()) + key.slice(i + 1);
    return i + 1 < key.length ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2) : `${key}s`;
  });
  const odd = fc.oneof(fc.string({ minLength: 1, maxLength: 16 }), fc.constantFrom('__proto__', 'constructor', 'toString', '$number', ''));
  return fc.oneof(...(near.length > 0 ? [typo] : []), odd).filter((key) => !format.knownKeys.has(key));
}

function unknownKey(format: JsonFormat, root: Json, objects: JsonNode[]): fc.Arbitrary<JsonCase> {
  return anyOf(objects).chain((node) => {
    const obj = node.value as { [key: string]: Json };
    const near = [...Object.keys(obj), ...format.knownKeys];
    return fc.tuple(unknownKeyName(format, near), fc.jsonValue({ maxDepth: 2 }) as fc.Arbitrary<Json>).map(([key, value]) => {
      const added = withNode(root, node.path, { ...obj, [key]: value })!;
      return caseOf(added, `unknown key ${JSON.stringify(key)} at ${pathText('', node.path) || 'the root'}`, 'refuse', [[`"${key}"`]]);
    });
  });
}

function removeKey(root: Json, children: JsonNode[]): fc.Arbitrary<JsonCase> {
  return anyOf(children).map((node) => caseOf(withNode(root, node.path, undefined), `removed ${pathText('', node.path)}`, 'either'));
}

/** Nested `depth` levels deep, written as text: JSON.stringify would overflow the stack on it. */
function nestedText(depth: number, inObjects: boolean): string {
  return inObjects ? `${'{"a":'.repeat(depth)}0${'}'.repeat(depth)}` : `${'['.repeat(depth)}0${']'.repeat(depth)}`;
}

function deepNesting(root: Json, nodes: JsonNode[]): fc.Arbitrary<JsonCase> {
  return fc.tuple(anyOf(nodes), fc.integer(NESTING), fc.boolean()).map(([node, depth, inObjects]) => {
    const marked = caseOf(withNode(root, node.path, NESTED_MARK), `nested ${depth} deep at ${pathText('', node.path) || 'the root'}`, 'refuse', [['nests more than']]);
    return { ...marked, text: marked.text.replace(JSON.stringify(NESTED_MARK), nestedText(depth, inObjects)) };
  });
}

/** An array made huge with copies of its first entry, so its entries stay as valid as they were. */
function hugeArray(root: Json, arrays: JsonNode[]): fc.Arbitrary<JsonCase> {
  return fc.tuple(anyOf(arrays), fc.integer(HUGE_ARRAY), fc.jsonValue({ maxDepth: 1 }) as fc.Arbitrary<Json>).map(([node, n, filler]) => {
    const entries = node.value as Json[];
    const huge = Array.from({ length: n }, () => (entries.length > 0 ? entries[0]! : filler));
    return caseOf(withNode(root, node.path, huge), `${n} entries at ${pathText('', node.path)}`, 'either');
  });
}

function longString(root: Json, strings: JsonNode[]): fc.Arbitrary<JsonCase> {
  return fc.tuple(anyOf(strings), fc.string({ unit: 'binary', minLength: 100, maxLength: 600 })).map(([node, text]) =>
    caseOf(withNode(root, node.path, text), `${text.length}-character string at ${pathText('', node.path)}`, 'either'));
}

/** One mutation of the tree `root` at a node `where` picks (any node by default), of a kind those nodes allow. */
export function treeMutation(format: JsonFormat, root: Json, where: (node: JsonNode) => boolean = () => true): fc.Arbitrary<JsonCase> {
  const nodes = nodesOf(root).filter(where);
  const children = nodes.filter((n) => n.path.length > 0);
  const numbers = nodes.filter((n) => typeof n.value === 'number');
  const ranged = numbers.filter((n) => format.ruleAt(n.path) !== undefined && !format.mayAccept(n.path, 'out of range', 0));
  const objects = nodes.filter((n) => isObject(n.value));
  const arrays = nodes.filter((n) => Array.isArray(n.value));
  const strings = nodes.filter((n) => typeof n.value === 'string');
  return fc.oneof(
    wrongType(format, root, nodes),
    deepNesting(root, nodes),
    ...(children.length > 0 ? [removeKey(root, children)] : []),
    ...(objects.length > 0 ? [unknownKey(format, root, objects)] : []),
    ...(numbers.length > 0 ? [outOfRange(format, root, numbers), nonFinite(format, root, numbers), numberAsString(format, root, numbers)] : []),
    ...(ranged.length >= 2 ? [manyOutOfRange(format, root, ranged)] : []),
    ...(arrays.length > 0 ? [hugeArray(root, arrays)] : []),
    ...(strings.length > 0 ? [longString(root, strings)] : []),
  );
}

/** The text of a valid document damaged: a JSON object or array cut short is never valid. */
export function textMutation(text: string): fc.Arbitrary<JsonCase> {
  const at = fc.nat({ max: Math.max(0, text.length - 1) });
  const significant = fc.constantFrom('{', '}', '[', ']', '"', ':', ',', '\\', '0', '-', 'e', '.', ' ', 'n', '\u0000', '\uFEFF');
  return fc.oneof(
    at.map((n) => ({ text: text.slice(0, n), mutation: `cut to ${n} characters`, expect: 'refuse' as const, mentions: [] })),
    fc.constantFrom('', ' ', '\n\t ', 'null', '[]', '{}', '0', '"x"').map((t) => ({ text: t, mutation: `replaced by ${JSON.stringify(t)}`, expect: 'refuse' as const, mentions: [] })),
    fc.tuple(at, fc.oneof(significant, fc.string({ unit: 'binary', minLength: 1, maxLength: 1 }))).map(([n, c]) => ({
      text: text.slice(0, n) + c + text.slice(n + 1), mutation: `character ${n} replaced by ${JSON.stringify(c)}`, expect: 'either' as const, mentions: [],
    })),
    fc.tuple(at, fc.constantFrom('1e999', '-1e999', 'NaN', 'Infinity', 'null', ',', '{', '"x":1,', '\uFEFF')).map(([n, s]) => ({
      text: text.slice(0, n) + s + text.slice(n), mutation: `${JSON.stringify(s)} inserted at ${n}`, expect: 'either' as const, mentions: [],
    })),
    fc.string({ unit: 'binary', maxLength: 300 }).map((t) => ({ text: t, mutation: 'random text', expect: 'either' as const, mentions: [] })),
  );
}

/** A format's cases: valid inputs as they are, their trees mutated, and their text damaged. */
export function jsonCases(format: JsonFormat, valid: fc.Arbitrary<Json>): fc.Arbitrary<JsonCase> {
  return valid.chain((root) => fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(undefined, 2).map((indent) => ({ text: JSON.stringify(root, null, indent), mutation: 'none', expect: 'accept' as const, mentions: [] })) },
    { weight: 6, arbitrary: treeMutation(format, root) },
    { weight: 2, arbitrary: textMutation(JSON.stringify(root)) },
  ));
}
