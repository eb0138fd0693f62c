// The browser runner: opens bench.html in headless Chrome (served by Vite from 127.0.0.1, as the
// app is), lets the page run the suite on navigator.gpu, and takes its report back.
import type { AppServer } from '../cli/headless-app.ts';
import { LOG_PREFIX, suiteQuery, type BenchPageState } from './page-protocol.ts';
import type { BenchReport } from './result.ts';
import type { SuiteOptions } from './suite.ts';

export async function runBrowserSuite(app: AppServer, o: SuiteOptions, commit: string, log: (line: string) => void): Promise<BenchReport> {
  const page = await app.browser.newPage();
  // A page that breaks (a module that fails to load, an uncaught exception) ends the wait at once.
  let fail: (error: Error) => void = () => {};
  const broken = new Promise<never>((_, reject) => { fail = reject; });
  // Handled by the race below; this keeps a failure after the race from going unhandled.
  broken.catch(() => {});
  page.on('console', (m) => {
    if (m.text().startsWith(LOG_PREFIX)) log(m.text().slice(LOG_PREFIX.length));
    else if (m.type() === 'error') fail(new Error(`the bench page logged an error: ${m.text()}`));
  });
  page.on('pageerror', (e) => fail(new Error(`the bench page failed: ${String(e)}`)));
  try {
    await page.goto(app.url(`bench.html?${suiteQuery(o, commit)}`), { waitUntil: 'load' });
    // No timeout: a full suite on a software adapter runs for many minutes.
    await Promise.race([broken, page.waitForFunction(() => {
      const s = (window as unknown as { confineBench?: BenchPageState }).confineBench?.state;
      return s === 'done' || s === 'failed';
    }, { timeout: 0, polling: 500 })]);
    const outcome = await page.evaluate(() => (window as unknown as { confineBench: BenchPageState }).confineBench);
    if (!outcome.report) throw new Error(`the bench page failed: ${outcome.error ?? 'no report'}`);
    return outcome.report;
  } finally {
    await page.close();
  }
}
