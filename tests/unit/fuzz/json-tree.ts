// JSON values as trees the mutators walk: every node with its path, a copy with one node
// replaced or removed, and a path written as the parsers write it in their messages.
import { childPath } from '../../../src/model/validation.ts';

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
export type JsonPath = readonly (string | number)[];

export interface JsonNode {
  readonly path: JsonPath;
  readonly value: Json;
}

/** Every node, the root first; walked without recursion, so a deeply nested value is no problem. */
export function nodesOf(root: Json): JsonNode[] {
  const nodes: JsonNode[] = [];
  const stack: JsonNode[] = [{ path: [], value: root }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    nodes.push(node);
    const { path, value } = node;
    if (Array.isArray(value)) value.forEach((v, i) => stack.push({ path: [...path, i], value: v }));
    else if (isObject(value)) for (const [k, v] of Object.entries(value)) stack.push({ path: [...path, k], value: v });
  }
  return nodes;
}

export function isObject(value: Json | undefined): value is { [key: string]: Json } {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** The path as the parsers name it ("parameters.nx", "vessels.list[3]"), under `root`. */
export function pathText(root: string, path: JsonPath): string {
  return path.reduce<string>((text, key) => childPath(text, key), root);
}

/** A copy of `root` with the node at `path` replaced, or removed where `replacement` is undefined. */
export function withNode(root: Json, path: JsonPath, replacement: Json | undefined): Json | undefined {
  if (path.length === 0) return replacement;
  const [key, ...rest] = path;
  if (Array.isArray(root)) {
    const copy = [...root];
    const child = withNode(copy[key as number]!, rest, replacement);
    if (child === undefined) copy.splice(key as number, 1);
    else copy[key as number] = child;
    return copy;
  }
  const copy = { ...(root as { [key: string]: Json }) };
  const child = withNode(copy[key as string]!, rest, replacement);
  if (child === undefined) delete copy[key as string];
  else copy[key as string] = child;
  return copy;
}

/** An object without the entries whose value is undefined (optional fields left out). */
export function compact(entries: Record<string, Json | undefined>): { [key: string]: Json } {
  return Object.fromEntries(Object.entries(entries).filter(([, v]) => v !== undefined)) as { [key: string]: Json };
}
