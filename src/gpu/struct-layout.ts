// Memory layout of WGSL structs whose fields are all 4-byte scalars, read from the WGSL text so
// the struct stays the one source of the layout (no hand-written byte offsets): uniforms are packed
// and storage slots found by field name. webgpu-utils' reflection would do this, but its 2.x
// build needs Float16Array, which Node 20 lacks.

export type ScalarType = 'u32' | 'i32' | 'f32';

export interface ScalarStruct {
  name: string;
  fields: { name: string; type: ScalarType }[];
  /** Bytes, unpadded (uniform buffers are padded to 16 by uniformBuffer()). */
  size: number;
}

// Uniforms are packed every step: each struct's text is parsed once.
const parsed = new Map<string, Map<string, ScalarStruct>>();

export function scalarStruct(code: string, name: string): ScalarStruct {
  let byName = parsed.get(code);
  if (!byName) parsed.set(code, (byName = new Map()));
  let struct = byName.get(name);
  if (!struct) byName.set(name, (struct = parseScalarStruct(code, name)));
  return struct;
}

function parseScalarStruct(code: string, name: string): ScalarStruct {
  const match = new RegExp(`struct\\s+${name}\\s*\\{([^}]*)\\}`).exec(code);
  if (!match) throw new Error(`WGSL struct ${name} not found`);
  const declarations = match[1].replace(/\/\/[^\n]*/g, '').split(',').map((s) => s.trim()).filter(Boolean);
  const fields = declarations.map((declaration) => {
    const field = /^(\w+)\s*:\s*(u32|i32|f32)$/.exec(declaration);
    if (!field) throw new Error(`WGSL struct ${name}: field "${declaration}" is not a 4-byte scalar`);
    return { name: field[1], type: field[2] as ScalarType };
  });
  return { name, fields, size: fields.length * 4 };
}

/** Index of a field in units of 4 bytes (a slot of an array<f32> view of the struct). */
export function slotOf(struct: ScalarStruct, field: string): number {
  const index = struct.fields.findIndex((f) => f.name === field);
  if (index < 0) throw new Error(`WGSL struct ${struct.name} has no field ${field}`);
  return index;
}

/** An array of the struct (storage-buffer layout: all-scalar structs have no padding), one element per entry of `values`. */
export function packStructArray(struct: ScalarStruct, values: readonly Record<string, number>[]): Uint8Array {
  const out = new Uint8Array(struct.size * values.length);
  values.forEach((v, k) => out.set(new Uint8Array(packStruct(struct, v)), struct.size * k));
  return out;
}

/** Bytes of struct `name` declared in `code`, from its field values by name. */
export function packNamed(code: string, name: string, values: Record<string, number>): ArrayBuffer {
  return packStruct(scalarStruct(code, name), values);
}

/** The struct's bytes; every field must be given, and no other. */
export function packStruct(struct: ScalarStruct, values: Record<string, number>): ArrayBuffer {
  const data = new ArrayBuffer(struct.size);
  const view = new DataView(data);
  const extra = Object.keys(values).filter((key) => !struct.fields.some((f) => f.name === key));
  if (extra.length) throw new Error(`WGSL struct ${struct.name} has no field(s) ${extra.join(', ')}`);
  struct.fields.forEach((f, i) => {
    const value = values[f.name];
    if (value === undefined) throw new Error(`WGSL struct ${struct.name}: field ${f.name} not given`);
    if (f.type === 'f32') view.setFloat32(4 * i, value, true);
    else if (f.type === 'u32') view.setUint32(4 * i, value, true);
    else view.setInt32(4 * i, value, true);
  });
  return data;
}

/** Field values by name from the struct's bytes: what a shader reads (f32 fields rounded). */
export function unpackStruct(struct: ScalarStruct, data: ArrayBuffer): Record<string, number> {
  const view = new DataView(data);
  return Object.fromEntries(
    struct.fields.map((f, i) => {
      const at = 4 * i;
      return [f.name, f.type === 'f32' ? view.getFloat32(at, true) : f.type === 'u32' ? view.getUint32(at, true) : view.getInt32(at, true)];
    }),
  );
}
