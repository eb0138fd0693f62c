// Preloaded into `confine run` (node --import) by kill-mid-write.test.ts, and only there: the
// KILL_MID_WRITE_NTH-th time the run opens a writer's temporary for the output named
// KILL_MID_WRITE_NAME, the first write to it puts down half its bytes and the process is
// SIGKILLed, as a kill that lands inside a write would leave it. Random kills seldom land there.
import fs from 'node:fs';
import fsp from 'node:fs/promises';
import { syncBuiltinESMExports } from 'node:module';
import { basename } from 'node:path';

const name = process.env.KILL_MID_WRITE_NAME;
const nth = Number(process.env.KILL_MID_WRITE_NTH ?? 1);
let opened = 0;
const doomedHandles = new WeakSet();

/** Whether opening `path` is the one whose write is to be cut short. */
function isDoomed(path) {
  const target = /^\.(.+)\.\d+\.[0-9a-f]{8}\.tmp$/.exec(basename(String(path)))?.[1];
  return target === name && ++opened === nth;
}

function bytesOf(data) {
  return typeof data === 'string' ? Buffer.from(data) : Buffer.from(data.buffer, data.byteOffset, data.byteLength);
}

function halfWriteAndDie(fd, data) {
  const bytes = bytesOf(data);
  const half = bytes.subarray(0, bytes.length >> 1);
  fs.writeSync(fd, half);
  fs.writeSync(2, `kill-mid-write: killed after ${half.length} of ${bytes.length} bytes of ${name} (write ${nth})\n`);
  process.kill(process.pid, 'SIGKILL');
}

const { openSync, writeFileSync } = fs;
// The synchronous writer (metrics.csv) writes its temporary by name.
fs.writeFileSync = function (file, data, ...rest) {
  if (typeof file !== 'number' && isDoomed(file)) halfWriteAndDie(openSync(file, 'w'), data);
  return writeFileSync.call(this, file, data, ...rest);
};

const { open } = fsp;
fsp.open = async function (path, ...rest) {
  const handle = await open.call(this, path, ...rest);
  if (isDoomed(path)) doomedHandles.add(handle);
  return handle;
};
// FileHandle is not exported; its prototype is reached through a handle.
const probe = await open(process.execPath, 'r');
const handleProto = Object.getPrototypeOf(probe);
await probe.close();
const { writeFile } = handleProto;
handleProto.writeFile = function (data, ...rest) {
  if (doomedHandles.has(this)) halfWriteAndDie(this.fd, data);
  return writeFile.call(this, data, ...rest);
};

// The run imports these by name (ESM), and such bindings see a patch only once synced.
syncBuiltinESMExports();
