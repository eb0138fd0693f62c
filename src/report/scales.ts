// Axis scales for the report's figures: data value → pixel, with the ticks to label. Linear
// scales end on round ticks; log scales label the values run (or 1-2-5 steps when there are
// many) and give a dose of 0, which a log axis cannot place, its own slot left of a break;
// decade scales, for quantities spanning orders of magnitude (benchmark sizes and times), run
// from one power of ten to another.
import { formatNumber } from '../io/number-format.ts';

export interface Tick {
  value: number;
  label: string;
}

export interface Scale {
  px(value: number): number;
  ticks: Tick[];
  /** Pixel where a log axis breaks between its 0 slot and the decades; null without one. */
  breakAt: number | null;
}

const tick = (value: number): Tick => ({ value, label: formatNumber(value, 4) });

/** A step of 1, 2 or 5 × 10^k giving about `count` intervals over `span`. */
function niceStep(span: number, count: number): number {
  const raw = span / count;
  const power = 10 ** Math.floor(Math.log10(raw));
  const m = raw / power;
  return (m < 1.5 ? 1 : m < 3.5 ? 2 : m < 7.5 ? 5 : 10) * power;
}

/** Linear over [min, max] widened to round ticks; a zero-width range is widened around its value. */
export function linearScale(min: number, max: number, from: number, to: number, count = 5): Scale {
  if (!(max > min)) {
    const pad = min === 0 ? 1 : Math.abs(min) * 0.1;
    min -= pad;
    max += pad;
  }
  const step = niceStep(max - min, count);
  // Rounding the ends to the step keeps ticks such as 0.30000000000000004 out of the labels.
  const lo = Math.floor(min / step + 1e-9) * step;
  const hi = Math.ceil(max / step - 1e-9) * step;
  const ticks: Tick[] = [];
  for (let v = lo; v <= hi + step * 1e-9; v += step) ticks.push(tick(Number(v.toPrecision(12))));
  return { px: (v) => from + ((v - lo) / (hi - lo)) * (to - from), ticks, breakAt: null };
}

/** Linear with the values themselves as ticks when there are few, padded so no point sits on the frame. */
export function linearValueScale(values: readonly number[], from: number, to: number): Scale {
  const min = Math.min(...values);
  const max = Math.max(...values);
  if (values.length > 8 || !(max > min)) return linearScale(min, max, from, to);
  const pad = (max - min) * 0.05;
  const lo = min - pad;
  const hi = max + pad;
  return { px: (v) => from + ((v - lo) / (hi - lo)) * (to - from), ticks: values.map(tick), breakAt: null };
}

/** Log over the positive values; a 0 among them is drawn in a slot left of an axis break. */
export function logValueScale(values: readonly number[], from: number, to: number): Scale {
  const positive = values.filter((v) => v > 0);
  if (positive.length === 0) throw new RangeError(`logValueScale: no positive value among ${values.join(', ')}`);
  const hasZero = values.some((v) => v === 0);
  if (values.some((v) => v < 0)) throw new RangeError(`logValueScale: negative value among ${values.join(', ')}`);
  const slot = hasZero ? (to - from) * 0.12 : 0;
  const start = from + slot;
  const lmin = Math.log10(Math.min(...positive));
  const lmax = Math.log10(Math.max(...positive));
  // A margin of 6 % of the span and a twentieth of a decade, or half a decade around a single value.
  const pad = lmax > lmin ? (lmax - lmin) * 0.06 + 0.05 : 0.5;
  const lo = lmin - pad;
  const hi = lmax + pad;
  const px = (v: number) => (v === 0 && hasZero ? from + slot * 0.35 : start + ((Math.log10(v) - lo) / (hi - lo)) * (to - start));
  const ticks = positive.length <= 8 ? positive.map(tick) : oneTwoFive(lo, hi);
  return { px, ticks: hasZero ? [tick(0), ...ticks] : ticks, breakAt: hasZero ? from + slot * 0.75 : null };
}

function oneTwoFive(lo: number, hi: number): Tick[] {
  const ticks: Tick[] = [];
  const decades = hi - lo;
  const mantissas = decades > 4 ? [1] : decades > 2 ? [1, 3] : [1, 2, 5];
  for (let k = Math.floor(lo); k <= Math.ceil(hi); k++) {
    for (const m of mantissas) {
      const v = Number((m * 10 ** k).toPrecision(12));
      if (Math.log10(v) >= lo && Math.log10(v) <= hi) ticks.push(tick(v));
    }
  }
  return ticks;
}

const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';

/** "10³", "10⁻²". */
export function powerOfTen(k: number): string {
  const digits = String(Math.abs(k)).split('').map((d) => SUPERSCRIPT[Number(d)]).join('');
  return `10${k < 0 ? '⁻' : ''}${digits}`;
}

/** Log over the whole decades around the (positive) values, one tick per power of ten. */
export function decadeScale(values: readonly number[], from: number, to: number): Scale {
  const logs = values.map(Math.log10);
  if (logs.length === 0 || !logs.every(Number.isFinite)) throw new RangeError(`decadeScale: needs positive values, got ${values.join(', ')}`);
  const lo = Math.floor(Math.min(...logs));
  const hi = Math.max(lo + 1, Math.ceil(Math.max(...logs)));
  const ticks: Tick[] = [];
  for (let k = lo; k <= hi; k++) ticks.push({ value: 10 ** k, label: powerOfTen(k) });
  return { px: (v) => from + ((Math.log10(v) - lo) / (hi - lo)) * (to - from), ticks, breakAt: null };
}
