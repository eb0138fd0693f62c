// Writes a run's fields: one VTK ImageData file with every field (arrays named with units),
// one colour-mapped PNG per field, and summary.json.
import { join } from 'node:path';
import { writeVti } from './vti.ts';
import { fieldToPng } from './png.ts';
import { writeFileAtomic } from './output-dir.ts';
import { cellMagnitude, type FieldSnapshot } from '../sim/snapshot.ts';

export function slug(name: string): string {
  return name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');
}

const FIELDS_FILE = 'fields.vti';

/** Whether `name` could be one of writeFields' files: fields.vti or a field's PNG (named by its slug). */
export function isFieldFile(name: string): boolean {
  return name === FIELDS_FILE || /^[a-z0-9]+(-[a-z0-9]+)*\.png$/.test(name);
}

export async function writeFields(dir: string, fields: FieldSnapshot[], nx: number, ny: number, hMicrons: number): Promise<string[]> {
  const written: string[] = [];
  const cellArrays = fields.filter((f) => f.at === 'cell').map((f) => ({ name: f.name, unit: f.unit, data: f.data, components: f.components }));
  const pointArrays = fields.filter((f) => f.at === 'point').map((f) => ({ name: f.name, unit: f.unit, data: f.data, components: f.components }));
  await writeFileAtomic(join(dir, FIELDS_FILE), writeVti({ nx, ny, spacing: [hMicrons, hMicrons], cellArrays, pointArrays }));
  written.push(FIELDS_FILE);
  for (const f of fields) {
    const data = f.at === 'point' ? cellMagnitude(f, nx, ny) : f.data;
    const name = f.at === 'point' ? `${f.name} magnitude` : f.name;
    const file = `${slug(name)}.png`;
    await writeFileAtomic(join(dir, file), fieldToPng({ data, nx, ny, map: f.map, title: name, unit: f.unit }));
    written.push(file);
  }
  return written;
}
