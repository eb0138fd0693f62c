// What the tests of interrupted `confine run`s share: the small run they interrupt, a way to
// start it and kill it, and the checks on what it leaves. A run stopped at any moment (killed,
// or by a write that fails) must leave every output absent or complete, never cut short, and
// going on from its checkpoint must end with the uninterrupted run's files.
import { spawn } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { decode as decodePng } from 'fast-png';
import { expect } from 'vitest';
import { decodeCheckpoint } from '../../src/io/checkpoint-file.ts';
import { DEFAULT_SCENARIO_JSON } from '../../src/model/scenario.ts';

/**
 * The default tumour, small and short (12 steps, about 8 s a run on two shared cores, start-up
 * most of it), both drugs from day 0 so every output is written.
 */
export const SMALL_RUN_SCENARIO = {
  ...DEFAULT_SCENARIO_JSON, name: 'kill-anywhere',
  parameters: {
    ...DEFAULT_SCENARIO_JSON.parameters, nx: 32, ny: 32, dxMicrons: 40, durationDays: 2, dtMinutes: 240,
    tumourRadiusMicrons: 300, stromaWidthMicrons: 200, smacDoseNM: 200, smacFirstDoseDay: 0, softenerDoseRelative: 1,
  },
};

export interface Exit { code: number | null; killed: boolean; stderr: string }

export interface ConfineOptions {
  /** SIGKILL after so many milliseconds, or once stderr matches, unless the run has ended by then. */
  kill?: number | RegExp;
  /** Options for node itself, before the script (a module to preload, say). */
  nodeArgs?: string[];
  env?: NodeJS.ProcessEnv;
}

/** Runs `confine run ARGS` and reports how it ended. */
export function confine(args: string[], { kill, nodeArgs = [], env = process.env }: ConfineOptions = {}): Promise<Exit> {
  const child = spawn(process.execPath, [...nodeArgs, 'bin/confine.mjs', 'run', ...args], { cwd: process.cwd(), env, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    if (kill instanceof RegExp && kill.test(stderr)) child.kill('SIGKILL');
  });
  const timer = typeof kill === 'number' ? setTimeout(() => child.kill('SIGKILL'), kill) : undefined;
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      resolve({ code, killed: signal === 'SIGKILL', stderr });
    });
  });
}

/** The lines of a run's stderr that report an error. */
export const errorLines = (exit: Exit) => exit.stderr.split('\n').filter((line) => line.startsWith('error:'));

/** writeFileAtomic's temporaries (".NAME.PID.HEX.tmp"): never read as outputs, left behind by a kill. */
export const isWriterTemporary = (name: string) => /^\..+\.\d+\.[0-9a-f]{8}\.tmp$/.test(name);

/** The writer temporaries in `dir`, sorted. */
export async function writerTemporaries(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter(isWriterTemporary).sort();
}

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

// Between two uninterrupted runs only summary.json's wallSeconds differs (checked by hand); every
// other byte of every file is the same, so only that field is left out of the comparison.
async function comparable(dir: string, name: string): Promise<Buffer | string> {
  const bytes = await readFile(join(dir, name));
  if (name !== 'summary.json') return bytes;
  const { wallSeconds: _, ...rest } = JSON.parse(bytes.toString());
  return JSON.stringify(rest);
}

/** `dir` holds the files of `reference` and nothing else, none of them a writer's temporary. */
export async function expectSameOutputs(dir: string, reference: string): Promise<void> {
  const names = await outputFiles(reference);
  expect(await readdir(dir).then((all) => all.sort())).toEqual(names);
  for (const name of names) {
    expect(await comparable(dir, name), `${dir}/${name}`).toEqual(await comparable(reference, name));
  }
}
