// Where the headless browser is, for everything that drives one (the end-to-end tests, the
// screenshots, the browser benchmark, the sweep report's PNGs): PUPPETEER_EXECUTABLE_PATH, then
// CHROME_PATH, then the usual places Chromium or Chrome is installed. confine never downloads one.
import { existsSync } from 'node:fs';

export const USUAL_BROWSER_PATHS = [
  '/usr/bin/chromium',
  '/usr/bin/chromium-browser',
  '/snap/bin/chromium',
  '/usr/bin/google-chrome-stable',
  '/usr/bin/google-chrome',
  '/Applications/Chromium.app/Contents/MacOS/Chromium',
  '/Applications/Google Chrome.app/Contents/MacOS/Google Chrome',
  'C:\\Program Files\\Google\\Chrome\\Application\\chrome.exe',
] as const;

export class BrowserNotFoundError extends Error {
  override name = 'BrowserNotFoundError';
}

/** The browser's executable; a path named by the environment is taken as given (launching it then says whether it runs). */
export function chromiumPath(env: NodeJS.ProcessEnv = process.env, exists: (path: string) => boolean = existsSync): string {
  const named = env.PUPPETEER_EXECUTABLE_PATH || env.CHROME_PATH;
  if (named) return named;
  const found = USUAL_BROWSER_PATHS.find((path) => exists(path));
  if (found) return found;
  throw new BrowserNotFoundError(
    `no Chromium or Chrome found (looked in ${USUAL_BROWSER_PATHS.join(', ')}); install one `
    + '(Debian: apt-get install chromium) or set PUPPETEER_EXECUTABLE_PATH or CHROME_PATH to its executable',
  );
}
