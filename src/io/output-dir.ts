// Output files for runs (Node only). Writes go through a temporary file and a rename,
// so a crash or kill never leaves a truncated snapshot where a reader expects a whole one,
// and a write that fails (a full disk, say) leaves the old file as it was.

import { randomBytes } from 'node:crypto';
import { renameSync, rmSync, writeFileSync } from 'node:fs';
import { access, constants, mkdir, open, readdir, rename, rm } from 'node:fs/promises';
import { constants as system } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';

/** A write to an output file that the system refused (a full disk, say), named by that file. */
export class OutputWriteError extends Error {
  constructor(readonly path: string, cause: NodeJS.ErrnoException) {
    super(`cannot write ${path}: ${systemReason(cause)}`, { cause });
  }
}

/** "no space left on device (ENOSPC)": the system's words for a failed call, without the call. */
function systemReason(error: NodeJS.ErrnoException): string {
  const name = Object.keys(system.errno).find((k) => system.errno[k as keyof typeof system.errno] === -error.errno!);
  // Node 20's libuv has no words for EDQUOT: its message reads "Unknown system error -122".
  const words = name === 'EDQUOT' ? 'disk quota exceeded' : /^[A-Z]+: ([^,]+)/.exec(error.message)?.[1] ?? error.message;
  return name ? `${words} (${name})` : words;
}

/** `error` as the failure to write `path` when the system raised it; any other error is a bug, kept as it is. */
function failedWrite(path: string, error: unknown): unknown {
  const errno = (error as NodeJS.ErrnoException).errno;
  return typeof errno === 'number' ? new OutputWriteError(path, error as NodeJS.ErrnoException) : error;
}

/**
 * Creates `dir` and its parents if needed and checks that files can be made in it; returns its
 * absolute path.
 */
export async function prepareOutputDir(dir: string): Promise<string> {
  const absolute = resolve(dir);
  await mkdir(absolute, { recursive: true });
  // mkdir succeeds on an existing directory of a read-only or someone else's file system; a run
  // should learn that now, not when its first file is due.
  await access(absolute, constants.W_OK);
  return absolute;
}

/** A fresh name for the file that is renamed onto `path` once it is whole. */
function temporaryPathFor(path: string): string {
  // Same directory as the target, so the rename stays on one file system and is atomic.
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
}

/** The file a temporaryPathFor name stands in for, or undefined for any other name. */
function temporaryTarget(name: string): string | undefined {
  return /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/.exec(name)?.[1];
}

/**
 * Removes from `dir` the temporaries that a killed writer left for the files `isOwn` accepts:
 * nothing else would ever remove them, and each is as large as the file it was to become.
 */
export async function removeLeftoverTemporaries(dir: string, isOwn: (name: string) => boolean): Promise<void> {
  for (const name of await readdir(dir)) {
    const target = temporaryTarget(name);
    if (target !== undefined && isOwn(target)) await rm(join(dir, name), { force: true });
  }
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
  } catch (error) {
    // The write's own error is the one worth reporting, even if the temporary cannot go.
    await rm(temp, { force: true }).catch(() => undefined);
    throw failedWrite(path, error);
  }
}

/**
 * writeFileAtomic for callers that cannot wait, such as a step loop's bookkeeping, and without
 * the flush to the disk: a killed process leaves what it wrote in the system's cache, and what
 * must outlive a power cut is in the checkpoint (a resumed run rewrites such files from it),
 * while a flush each step would hold the loop up for the disk.
 */
export function writeFileAtomicSync(path: string, bytes: Uint8Array | string): void {
  const temp = temporaryPathFor(path);
  try {
    writeFileSync(temp, bytes);
    renameSync(temp, path);
  } catch (error) {
    try {
      rmSync(temp, { force: true });
    } catch {
      // As in writeFileAtomic: the write's error is reported, not the clean-up's.
    }
    throw failedWrite(path, error);
  }
}
