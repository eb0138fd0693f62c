// JSON Lines log for long runs (Node only): one object a line, appended as it happens,
// so a run that stops early still leaves every record written so far.

import { appendFile } from 'node:fs/promises';

/** Appends `obj` as one line; NaN and ±Infinity become null, as JSON requires. */
export async function appendJsonLine(path: string, obj: unknown): Promise<void> {
  const line = JSON.stringify(obj);
  if (line === undefined) throw new Error(`cannot write ${typeof obj} as a JSON line`);
  await appendFile(path, line + '\n', 'utf8');
}
