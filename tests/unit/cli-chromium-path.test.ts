// The browser is found from the environment, then the usual install locations; none found is an
// error that says what to install or set.
import { describe, expect, it } from 'vitest';
import { BrowserNotFoundError, USUAL_BROWSER_PATHS, chromiumPath } from '../../src/cli/chromium-path.ts';

const nowhere = () => false;

describe('chromiumPath', () => {
  it('takes PUPPETEER_EXECUTABLE_PATH, then CHROME_PATH, as given', () => {
    expect(chromiumPath({ PUPPETEER_EXECUTABLE_PATH: '/opt/a/chrome', CHROME_PATH: '/opt/b/chrome' }, nowhere)).toBe('/opt/a/chrome');
    expect(chromiumPath({ CHROME_PATH: '/opt/b/chrome' }, nowhere)).toBe('/opt/b/chrome');
  });

  it('else looks in the usual places, in order', () => {
    expect(chromiumPath({}, (p) => p === '/usr/bin/google-chrome-stable' || p === '/usr/bin/google-chrome')).toBe('/usr/bin/google-chrome-stable');
    expect(chromiumPath({}, (p) => p === USUAL_BROWSER_PATHS[0])).toBe('/usr/bin/chromium');
  });

  it('names what to install or set when there is none', () => {
    expect(() => chromiumPath({}, nowhere)).toThrow(BrowserNotFoundError);
    expect(() => chromiumPath({}, nowhere)).toThrow(/set PUPPETEER_EXECUTABLE_PATH or CHROME_PATH/);
  });
});
