// VTK XML ImageData (.vti) for ParaView: a 2D grid with cell and point arrays, stored as
// appended raw binary (UInt64 byte-count header before each block) so large fields stay compact
// and exact. Array names carry their unit, e.g. "oxygen [mmHg]", since VTK has no unit field.

export interface VtiArray {
  name: string;
  unit: string;
  data: Float32Array;
  /** Values per cell or point; 2-component vectors are written padded to 3 (z = 0), as ParaView expects. */
  components?: 1 | 2 | 3;
}

export interface VtiOptions {
  nx: number;
  ny: number;
  spacing: [number, number];
  origin?: [number, number];
  /** nx·ny tuples each. */
  cellArrays?: VtiArray[];
  /** (nx+1)·(ny+1) tuples each. */
  pointArrays?: VtiArray[];
}

export interface VtiReadArray {
  name: string;
  unit: string;
  data: Float32Array;
  components: number;
}

export interface VtiFile {
  nx: number;
  ny: number;
  spacing: [number, number];
  origin: [number, number];
  cellArrays: VtiReadArray[];
  pointArrays: VtiReadArray[];
}

const HEADER_BYTES = 8;
const HOST_LITTLE_ENDIAN = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** "name [unit]", or the bare name for a dimensionless quantity. */
export function arrayTitle(name: string, unit: string): string {
  return unit ? `${name} [${unit}]` : name;
}

export function splitArrayTitle(title: string): { name: string; unit: string } {
  const m = /^(.*) \[([^\]]*)\]$/.exec(title);
  return m ? { name: m[1]!, unit: m[2]! } : { name: title, unit: '' };
}

interface Block {
  title: string;
  components: 1 | 3;
  /** Float32 payload as stored (vectors already padded). */
  values: Float32Array;
}

function toBlock(a: VtiArray, tuples: number, where: string): Block {
  const components = a.components ?? 1;
  if (a.data.length !== tuples * components) {
    throw new Error(`${where} array '${a.name}' has ${a.data.length} values, expected ${tuples}×${components}`);
  }
  const title = arrayTitle(a.name, a.unit);
  if (components !== 2) return { title, components, values: a.data };
  // Copy through integer views so every bit pattern (NaN payloads included) survives.
  const padded = new Float32Array(tuples * 3);
  const src = new Uint32Array(a.data.buffer, a.data.byteOffset, a.data.length);
  const dst = new Uint32Array(padded.buffer);
  for (let i = 0; i < tuples; i++) {
    dst[i * 3] = src[i * 2]!;
    dst[i * 3 + 1] = src[i * 2 + 1]!;
  }
  return { title, components: 3, values: padded };
}

function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

function unescapeXml(text: string): string {
  return text.replace(/&quot;/g, '"').replace(/&gt;/g, '>').replace(/&lt;/g, '<').replace(/&amp;/g, '&');
}

function dataSection(tag: string, blocks: Block[], firstOffset: number): string {
  const active: string[] = [];
  const scalars = blocks.find((b) => b.components === 1);
  const vectors = blocks.find((b) => b.components === 3);
  if (scalars) active.push(` Scalars="${escapeXml(scalars.title)}"`);
  if (vectors) active.push(` Vectors="${escapeXml(vectors.title)}"`);
  let offset = firstOffset;
  const lines = [`      <${tag}${active.join('')}>`];
  for (const b of blocks) {
    lines.push(
      `        <DataArray type="Float32" Name="${escapeXml(b.title)}" NumberOfComponents="${b.components}" format="appended" offset="${offset}"/>`,
    );
    offset += HEADER_BYTES + b.values.byteLength;
  }
  lines.push(`      </${tag}>`);
  return lines.join('\n');
}

/** Serialises a 2D grid; the file's byte order is the host's, declared in the header. */
export function writeVti(opts: VtiOptions): Uint8Array {
  const { nx, ny, spacing } = opts;
  const origin = opts.origin ?? [0, 0];
  if (!Number.isInteger(nx) || !Number.isInteger(ny) || nx < 1 || ny < 1) {
    throw new Error(`grid must be at least 1×1 with integer sizes, got ${nx}×${ny}`);
  }
  const points = (opts.pointArrays ?? []).map((a) => toBlock(a, (nx + 1) * (ny + 1), 'point'));
  const cells = (opts.cellArrays ?? []).map((a) => toBlock(a, nx * ny, 'cell'));
  const pointBytes = points.reduce((s, b) => s + HEADER_BYTES + b.values.byteLength, 0);
  const extent = `0 ${nx} 0 ${ny} 0 0`;
  const header = [
    '<?xml version="1.0" encoding="UTF-8"?>',
    `<VTKFile type="ImageData" version="1.0" byte_order="${HOST_LITTLE_ENDIAN ? 'LittleEndian' : 'BigEndian'}" header_type="UInt64">`,
    `  <ImageData WholeExtent="${extent}" Origin="${origin[0]} ${origin[1]} 0" Spacing="${spacing[0]} ${spacing[1]} 1">`,
    `    <Piece Extent="${extent}">`,
    dataSection('PointData', points, 0),
    dataSection('CellData', cells, pointBytes),
    '    </Piece>',
    '  </ImageData>',
    '  <AppendedData encoding="raw">',
    '   _',
  ].join('\n');
  const footer = '\n  </AppendedData>\n</VTKFile>\n';

  const encoder = new TextEncoder();
  const head = encoder.encode(header);
  const tail = encoder.encode(footer);
  const blocks = [...points, ...cells];
  const total = head.length + pointBytes + cells.reduce((s, b) => s + HEADER_BYTES + b.values.byteLength, 0) + tail.length;
  const out = new Uint8Array(total);
  const view = new DataView(out.buffer);
  out.set(head, 0);
  let pos = head.length;
  for (const b of blocks) {
    view.setBigUint64(pos, BigInt(b.values.byteLength), HOST_LITTLE_ENDIAN);
    out.set(new Uint8Array(b.values.buffer, b.values.byteOffset, b.values.byteLength), pos + HEADER_BYTES);
    pos += HEADER_BYTES + b.values.byteLength;
  }
  out.set(tail, pos);
  return out;
}

function attributes(tag: string): Record<string, string> {
  const out: Record<string, string> = {};
  for (const m of tag.matchAll(/([\w:]+)="([^"]*)"/g)) out[m[1]!] = unescapeXml(m[2]!);
  return out;
}

function numbers(text: string | undefined, what: string): number[] {
  if (text === undefined) throw new Error(`vti: missing ${what}`);
  return text.trim().split(/\s+/).map(Number);
}

/** Index of the '_' that starts the appended block, found in bytes since the data is binary. */
function appendedStart(bytes: Uint8Array): number {
  const marker = new TextEncoder().encode('<AppendedData');
  search: for (let i = 0; i + marker.length <= bytes.length; i++) {
    for (let k = 0; k < marker.length; k++) if (bytes[i + k] !== marker[k]) continue search;
    const underscore = bytes.indexOf(0x5f, i + marker.length);
    if (underscore < 0) break;
    return underscore;
  }
  throw new Error('vti: no <AppendedData> section with a raw block');
}

/** Reads the subset of the format that writeVti produces (Float32, appended raw, UInt64 headers). */
export function readVti(bytes: Uint8Array): VtiFile {
  const underscore = appendedStart(bytes);
  const xml = new TextDecoder().decode(bytes.subarray(0, underscore));
  const file = attributes(/<VTKFile\b[^>]*>/.exec(xml)?.[0] ?? '');
  if (file.type !== 'ImageData') throw new Error(`vti: not ImageData (type=${file.type})`);
  if (file.header_type !== 'UInt64') throw new Error(`vti: header_type ${file.header_type} not supported`);
  const little = file.byte_order !== 'BigEndian';
  const image = attributes(/<ImageData\b[^>]*>/.exec(xml)?.[0] ?? '');
  const [x0, x1, y0, y1] = numbers(image.WholeExtent, 'WholeExtent');
  const nx = x1! - x0!;
  const ny = y1! - y0!;
  const spacing = numbers(image.Spacing, 'Spacing');
  const origin = numbers(image.Origin, 'Origin');

  const dataStart = underscore + 1;
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const section = (tag: string, tuples: number): VtiReadArray[] => {
    const body = new RegExp(`<${tag}\\b[^>]*>([\\s\\S]*?)</${tag}>`).exec(xml)?.[1] ?? '';
    return [...body.matchAll(/<DataArray\b[^>]*>/g)].map((m) => {
      const a = attributes(m[0]);
      if (a.type !== 'Float32' || a.format !== 'appended') {
        throw new Error(`vti: array '${a.Name}' is ${a.type}/${a.format}; only Float32/appended is read`);
      }
      const components = Number(a.NumberOfComponents ?? '1');
      const at = dataStart + Number(a.offset);
      const byteCount = Number(view.getBigUint64(at, little));
      if (byteCount !== tuples * components * 4) {
        throw new Error(`vti: array '${a.Name}' holds ${byteCount} bytes, expected ${tuples * components * 4}`);
      }
      const data = new Float32Array(byteCount / 4);
      const raw = new Uint8Array(data.buffer);
      raw.set(bytes.subarray(at + HEADER_BYTES, at + HEADER_BYTES + byteCount));
      if (little !== HOST_LITTLE_ENDIAN) {
        for (let i = 0; i < raw.length; i += 4) raw.subarray(i, i + 4).reverse();
      }
      return { ...splitArrayTitle(a.Name ?? ''), data, components };
    });
  };
  return {
    nx,
    ny,
    spacing: [spacing[0]!, spacing[1]!],
    origin: [origin[0]!, origin[1]!],
    pointArrays: section('PointData', (nx + 1) * (ny + 1)),
    cellArrays: section('CellData', nx * ny),
  };
}
