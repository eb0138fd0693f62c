// The buffer bindings a compute kernel's WGSL declares (`@group(0) @binding(n) var<…> name: T;`),
// read from its text, so the shader stays the one source of each binding's number and kind.

export type BindingKind = 'uniform' | 'storage' | 'read-only-storage';

export interface WgslBinding {
  binding: number;
  kind: BindingKind;
}

const DECLARATION = /@group\(\s*(\d+)\s*\)\s*@binding\(\s*(\d+)\s*\)\s*var\s*<\s*(\w+)\s*(?:,\s*(\w+)\s*)?>\s*(\w+)/g;

/** Group 0's bindings by WGSL name; `kernel` names the owner in errors. */
export function wgslBindings(kernel: string, code: string): Map<string, WgslBinding> {
  const text = code.replace(/\/\/[^\n]*/g, '');
  const out = new Map<string, WgslBinding>();
  const numbers = new Set<number>();
  for (const [, group, binding, space, access, name] of text.matchAll(DECLARATION)) {
    const where = `${kernel}: WGSL binding ${name}`;
    if (group !== '0') throw new Error(`${where} is in group ${group}; kernels bind group 0 only`);
    const kind = kindOf(space, access);
    if (!kind) throw new Error(`${where} is var<${space}${access ? `, ${access}` : ''}>, not a uniform or storage buffer`);
    if (out.has(name)) throw new Error(`${where} is declared twice`);
    if (numbers.has(Number(binding))) throw new Error(`${where} reuses @binding(${binding})`);
    numbers.add(Number(binding));
    out.set(name, { binding: Number(binding), kind });
  }
  const declared = text.match(/@binding\(/g)?.length ?? 0;
  if (declared !== out.size) throw new Error(`${kernel}: ${declared} @binding declarations in its WGSL, ${out.size} of them read as @group(0) @binding(n) var<…> name`);
  return out;
}

function kindOf(space: string, access: string | undefined): BindingKind | undefined {
  if (space === 'uniform' && !access) return 'uniform';
  if (space !== 'storage') return undefined;
  if (!access || access === 'read') return 'read-only-storage';
  return access === 'read_write' ? 'storage' : undefined;
}
