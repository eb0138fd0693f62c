// Every field the view offers, screenshot in headless Chromium: the picture is not blank, every
// pixel of the tissue is a colour of the legend's map, and the picture reaches the end(s) of the
// legend's range (the range follows the field, so its extreme values take the end colours).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { decode } from 'fast-png';
import { colorMapTable, type ColorMapName } from '../../src/io/colormap.ts';
import { SMALL, openPage, pausedAt, startApp, waitFrames, type AppServer } from './browser.ts';

/** The table entry nearest an RGB colour, and how far it is (largest channel difference). */
function nearest(table: Uint8Array, r: number, g: number, b: number): { index: number; distance: number } {
  let best = { index: -1, distance: Infinity };
  for (let i = 0; i < 256; i++) {
    const d = Math.max(Math.abs(table[3 * i]! - r), Math.abs(table[3 * i + 1]! - g), Math.abs(table[3 * i + 2]! - b));
    if (d < best.distance) best = { index: i, distance: d };
  }
  return best;
}

describe('the view of each field', () => {
  let app: AppServer;
  beforeAll(async () => { app = await startApp(); });
  afterAll(async () => { await app?.close(); });

  it('draws every field in its legend\'s colours, not blank', async () => {
    // Therapy: both drugs are in the tissue by day 1.5; only the field layer, so every pixel is the field.
    const { page, errors } = await openPage(app, `?scenario=therapy&${SMALL}&pauseAtDay=1.5&layers=field`);
    await pausedAt(page, 9);
    // Options read "name (unit)"; Tweakpane's option values are indices.
    const options = await page.$$eval('[data-key=field] select option', (os) => os.map((o) => ({ text: o.textContent ?? '', value: (o as HTMLOptionElement).value })));
    const fields = options.map((o) => o.text.replace(/ \([^)]*\)$/, ''));
    expect(fields).toEqual(expect.arrayContaining(['oxygen', 'SMAC mimetic', 'softening agent', 'ECM density', 'pore size', 'cell density', 'compressive stress', 'von Mises stress', 'displacement']));
    // The legend, clock, scale bar and key sit over the view: hidden, so the shot is the view alone.
    await page.addStyleTag({ content: '#legend, #clock, #scale-bar, #cell-key { visibility: hidden; }' });
    const view = (await page.$('#view'))!;
    for (const [i, field] of fields.entries()) {
      await page.select('[data-key=field] select', options[i]!.value);
      await waitFrames(page, 2);
      const legend = await page.$eval('#legend', (e) => ({ ...(e as HTMLElement).dataset }));
      expect(legend.field, field).toContain(field);
      const map = legend.map as ColorMapName;
      const table = colorMapTable(map);
      const png = decode(await view.screenshot({ type: 'png' }));
      const step = png.channels;
      const used = new Set<number>();
      let tissue = 0, offMap = 0;
      for (let k = 0; k < png.width * png.height; k++) {
        const [r, g, b] = [png.data[k * step]!, png.data[k * step + 1]!, png.data[k * step + 2]!];
        if (r === 24 && g === 24 && b === 28) continue; // the background outside the domain
        tissue++;
        const n = nearest(table, r, g, b);
        if (n.distance > 3) offMap++;
        else used.add(n.index);
      }
      expect(tissue, field).toBeGreaterThan(0.3 * png.width * png.height);
      expect(offMap / tissue, `${field}: pixels off the ${map} map`).toBeLessThan(0.005);
      expect(used.size, `${field}: distinct colours`).toBeGreaterThanOrEqual(2);
      const low = Math.min(...used), high = Math.max(...used);
      if (map === 'coolwarm') expect(low <= 3 || high >= 252, `${field}: reaches an end of ±max|v|`).toBe(true);
      else expect([low <= 3, high >= 252], `${field}: spans ${legend.min} … ${legend.max}`).toEqual([true, true]);
    }
    expect(errors).toEqual([]);
    await page.close();
  });
});
