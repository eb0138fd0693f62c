// Progress of long runs on stderr, so stdout stays clean for results. On a terminal the
// line is redrawn in place; in a log file or CI (no TTY) a line is printed every ~5 %.

export interface ProgressStream {
  write(text: string): unknown;
  isTTY?: boolean;
  columns?: number;
}

export interface Progress {
  /** Advances by `n` (default 1). */
  tick(n?: number): void;
  /** Sets the absolute count of finished units, with an optional note shown after the ETA. */
  update(done: number, note?: string): void;
  /** Prints the final line; later calls do nothing. */
  done(): void;
}

const BAR_WIDTH = 24;
const LOG_STEP_PERCENT = 5;
const REDRAW_INTERVAL_MS = 100;

/** "42s", "3m07s", "2h05m". */
export function formatDuration(ms: number): string {
  if (!Number.isFinite(ms)) return '?';
  const s = Math.max(0, Math.round(ms / 1000));
  if (s < 60) return `${s}s`;
  if (s < 3600) return `${Math.floor(s / 60)}m${String(s % 60).padStart(2, '0')}s`;
  return `${Math.floor(s / 3600)}h${String(Math.floor((s % 3600) / 60)).padStart(2, '0')}m`;
}

export function createProgress(
  total: number,
  label: string,
  stream: ProgressStream = process.stderr,
  now: () => number = () => performance.now(),
): Progress {
  const start = now();
  const tty = stream.isTTY === true;
  let count = 0;
  let note = '';
  let finished = false;
  let lastDraw = -Infinity;
  let nextLogPercent = LOG_STEP_PERCENT;
  let lastLoggedCount = -1;
  let lastLoggedNote = '';

  const fraction = () => (total > 0 ? Math.min(1, count / total) : 1);

  const render = (): string => {
    const f = fraction();
    const filled = Math.round(f * BAR_WIDTH);
    const elapsed = now() - start;
    const eta = count > 0 ? (elapsed * Math.max(0, total - count)) / count : NaN;
    const parts = [
      label,
      `${String(Math.floor(f * 100)).padStart(3)}%`,
      `[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}]`,
      `${count}/${total}`,
      `elapsed ${formatDuration(elapsed)}`,
      finished || count >= total ? '' : `eta ${formatDuration(eta)}`,
      note,
    ];
    const line = parts.filter((p) => p !== '').join('  ');
    return tty && stream.columns ? line.slice(0, stream.columns - 1) : line;
  };

  const show = (force: boolean) => {
    if (tty) {
      const t = now();
      if (!force && t - lastDraw < REDRAW_INTERVAL_MS) return;
      lastDraw = t;
      stream.write(`\r${render()}\x1b[K${finished ? '\n' : ''}`);
      return;
    }
    const percent = fraction() * 100;
    if (force ? count === lastLoggedCount && note === lastLoggedNote : percent < nextLogPercent) return;
    // Skip the thresholds already passed, so a big jump prints one line, not several.
    nextLogPercent = (Math.floor(percent / LOG_STEP_PERCENT) + 1) * LOG_STEP_PERCENT;
    lastLoggedCount = count;
    lastLoggedNote = note;
    stream.write(`${render()}\n`);
  };

  const update = (doneCount: number, newNote?: string) => {
    if (finished) return;
    count = doneCount;
    if (newNote !== undefined) note = newNote;
    show(false);
  };

  return {
    tick: (n = 1) => update(count + n),
    update,
    done() {
      if (finished) return;
      finished = true;
      show(true);
    },
  };
}
