// The page as `npm run build` bundles it: the scripting hooks that the end-to-end tests and the
// browser benchmark use on the dev server (src/app/scripting-hooks.ts) are not shipped.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it } from 'vitest';

const viteCli = fileURLToPath(new URL('../../node_modules/vite/bin/vite.js', import.meta.url));

describe('production bundle', () => {
  const outDir = mkdtempSync(join(tmpdir(), 'confine-bundle-'));
  afterAll(() => rmSync(outDir, { recursive: true, force: true }));

  it('holds the app without its scripting hooks', () => {
    // As `npm run build` runs it: vitest's NODE_ENV=test would make it a development build.
    const env = { ...process.env, NODE_ENV: undefined };
    execFileSync(process.execPath, [viteCli, 'build', '--outDir', outDir, '--emptyOutDir', '--logLevel', 'error'], { env, stdio: 'pipe' });
    const assets = join(outDir, 'assets');
    const code = readdirSync(assets).filter((f) => f.endsWith('.js')).map((f) => readFileSync(join(assets, f), 'utf8')).join('\n');
    expect(code).toContain('confine failed to start');
    expect(code).not.toContain('loseDevice');
    expect(code).not.toContain('simSteps');
    expect(code).not.toContain('shaderModules'); // the soak's GPU census
  });
});
