// Whether each output file of a `confine run` directory is whole, read the way its readers read
// it: a run killed at any moment must leave every output absent or complete, never cut short.
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decode as decodePng } from 'fast-png';
import { decodeCheckpoint } from '../../src/io/checkpoint-file.ts';

/** writeFileAtomic's temporaries (".NAME.PID.HEX.tmp"): never read as outputs, left behind by a kill. */
export const isWriterTemporary = (name: string) => /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);

/** The output files in `dir` (writer temporaries left out), sorted. */
export async function outputFiles(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((name) => !isWriterTemporary(name)).sort();
}

/** Why `bytes`, read from the output file `name`, is not whole; undefined when it is. */
function flaw(name: string, bytes: Buffer): string | undefined {
  if (bytes.length === 0) return 'empty';
  const text = () => bytes.toString('utf8');
  try {
    if (name.endsWith('.json')) JSON.parse(text());
    else if (name.endsWith('.png')) decodePng(bytes);
    else if (name.endsWith('.ckpt')) decodeCheckpoint(bytes, name);
    else if (name.endsWith('.vti')) {
      if (!text().startsWith('<?xml') || !text().trimEnd().endsWith('</VTKFile>')) return 'not a whole VTKFile';
    } else if (name.endsWith('.csv')) {
      if (!text().endsWith('\n')) return 'last line cut short';
      const [header, ...rows] = text().slice(0, -1).split('\n');
      const columns = header.split(',').length;
      const ragged = rows.findIndex((row) => row.split(',').length !== columns);
      if (ragged >= 0) return `row ${ragged + 1} has not the header's ${columns} columns`;
    } else return 'not an output this test knows';
  } catch (error) {
    return (error as Error).message.split('\n')[0];
  }
  return undefined;
}

/** "file: why" for each output file in `dir` that is not whole. */
export async function partialOutputs(dir: string): Promise<string[]> {
  const flaws: string[] = [];
  for (const name of await outputFiles(dir)) {
    const why = flaw(name, await readFile(join(dir, name)));
    if (why) flaws.push(`${name}: ${why}`);
  }
  return flaws;
}
