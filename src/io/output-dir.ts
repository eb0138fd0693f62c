// Output files for runs (Node only). Writes go through a temporary file and a rename,
// so a crash or kill never leaves a truncated snapshot where a reader expects a whole one.

import { randomBytes } from 'node:crypto';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';

/** Creates `dir` and its parents if needed; returns its absolute path. */
export async function prepareOutputDir(dir: string): Promise<string> {
  const absolute = resolve(dir);
  await mkdir(absolute, { recursive: true });
  return absolute;
}

/** A fresh name for the file that is renamed onto `path` once it is whole. */
export function temporaryPathFor(path: string): string {
  // Same directory as the target, so the rename stays on one file system and is atomic.
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** Replaces `path` with `bytes` atomically: readers see the old file or the new one, never part of it. */
export async function writeFileAtomic(path: string, bytes: Uint8Array | string): Promise<void> {
  const temp = temporaryPathFor(path);
  try {
    const handle = await open(temp, 'w');
    try {
      await handle.writeFile(bytes);
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
  } catch (err) {
    await rm(temp, { force: true });
    throw err;
  }
}
