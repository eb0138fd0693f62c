// Which confine made a result: package.json's version and, inside a git checkout, its commit.
import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { version as PACKAGE_VERSION } from '../../package.json';

/** package.json's version and, inside a git checkout, its commit ("-dirty" with uncommitted changes); never fails for want of git. */
export function softwareVersion(): string {
  try {
    const root = fileURLToPath(new URL('../..', import.meta.url));
    const commit = execFileSync('git', ['describe', '--always', '--dirty', '--abbrev=7'], { cwd: root, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
    return `${PACKAGE_VERSION} (${commit})`;
  } catch {
    return PACKAGE_VERSION;
  }
}
