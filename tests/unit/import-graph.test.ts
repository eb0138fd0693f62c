// The shape of src/'s imports: no module reaches itself through its imports (type-only imports
// included), and nothing in src/ imports from bench/ or tests/.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = resolve(import.meta.dirname, '../..');
const src = join(root, 'src');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sourceFiles(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : []);
}

/** Relative import specifiers of a file, resolved to absolute paths (queries such as ?raw dropped). */
function importsOf(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const specifiers = [...text.matchAll(/(?:^|\n)\s*(?:import|export)\b[^'"]*?from\s*['"]([^'"]+)['"]/g), ...text.matchAll(/import\(\s*['"]([^'"]+)['"]\s*\)/g)];
  return specifiers.map((m) => m[1]!).filter((s) => s.startsWith('.')).map((s) => resolve(dirname(file), s.replace(/\?.*$/, '')));
}

const files = sourceFiles(src);
const graph = new Map(files.map((f) => [f, importsOf(f)]));

describe('imports of src/', () => {
  it('form no cycle', () => {
    const cycles: string[] = [];
    const state = new Map<string, 'open' | 'done'>();
    const walk = (file: string, path: string[]) => {
      if (state.get(file) === 'done') return;
      if (state.get(file) === 'open') {
        cycles.push([...path.slice(path.indexOf(file)), file].map((f) => relative(src, f)).join(' → '));
        return;
      }
      state.set(file, 'open');
      for (const next of graph.get(file) ?? []) if (graph.has(next)) walk(next, [...path, file]);
      state.set(file, 'done');
    };
    for (const f of files) walk(f, []);
    expect(cycles).toEqual([]);
  });

  it('stay inside the product: nothing from bench/ or tests/', () => {
    const outside = [...graph].flatMap(([file, imports]) => imports
      .filter((target) => /^(bench|tests)\//.test(relative(root, target)))
      .map((target) => `${relative(root, file)} → ${relative(root, target)}`));
    expect(outside).toEqual([]);
  });

  it('sees the imports it checks', () => {
    expect(files.length).toBeGreaterThan(100);
    expect(graph.get(join(src, 'cli/run-cells.ts'))).toContain(join(src, 'sim/assay-readouts.ts'));
  });
});
