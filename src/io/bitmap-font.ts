// A 5×7 bitmap font (plus one row for descenders) for legends and labels in exported images,
// so PNG export needs no canvas or font files and renders identically in Node and the browser.

export interface RgbImage {
  width: number;
  height: number;
  /** Row-major RGB, 3 bytes a pixel, row 0 at the top. */
  data: Uint8Array;
}

export const GLYPH_WIDTH = 5;
/** Cell height: capitals and digits fill rows 0–6, descenders (g j p q y µ ,) reach row 7. */
export const GLYPH_HEIGHT = 8;
/** Horizontal distance between glyph origins, in font pixels (one column of spacing). */
export const GLYPH_ADVANCE = 6;

const CHARS = '0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz.,-+[]()/:=%_*^?µ²³¹⁻°· ';

// Eight base-32 digits a glyph, one per row from the top; bit 4 is the leftmost column.
const ROWS =
  'ehjlphe04c4444e0eh1248v0v2421he026aiv220vgu11he068guhhe0v1248880ehhehhe0' +
  'ehhf12c0ehhvhhh0uhhuhhu0ehggghe0sihhhis0vgguggv0vgguggg0ehgnhhf0hhhvhhh0' +
  'e44444e072222ic0hikokih0ggggggv0hrllhhh0hhpljhh0ehhhhhe0uhhuggg0ehhhlid0' +
  'uhhukih0fgge11u0v4444440hhhhhhe0hhhhha40hhhllla0hha4ahh0hha44440v1248gv0' +
  '00e1fhf0ggmphhu000egghe011djhhf000ehvge0698s888000fhhf1eggmphhh040c444e0' +
  '206222icggikoki0c44444e000qllhh000mphhh000ehhhe000uhhugg00fhhf1100mpggg0' +
  '00ege1u088s8896000hhhjd000hhha4000hhlla000ha4ah000hhhf1e00v248v000000cc0' +
  '00000c48000v0000044v4400e88888e0e22222e0248884208422248001248g000cc0cc00' +
  '00v0v000op248j30000000v004lel4004ah00000eh12404000hhhjtgci48u000s2c2s000' +
  '8o88s0000u000000ciic00000004000000000000';

const GLYPHS = new Map<string, Uint8Array>();
for (let g = 0; g < CHARS.length; g++) {
  const rows = new Uint8Array(GLYPH_HEIGHT);
  for (let r = 0; r < GLYPH_HEIGHT; r++) rows[r] = parseInt(ROWS[g * GLYPH_HEIGHT + r]!, 32);
  GLYPHS.set(CHARS[g]!, rows);
}
// Unknown characters show as '?' rather than vanishing, so a missing glyph is noticed.
const FALLBACK = GLYPHS.get('?')!;

/** Whether `ch` has its own glyph (otherwise it is drawn as '?'). */
export function hasGlyph(ch: string): boolean {
  return GLYPHS.has(ch);
}

/** Width in image pixels of `text` drawn at integer `scale`, without trailing spacing. */
export function textWidth(text: string, scale = 1): number {
  const n = [...text].length;
  return n === 0 ? 0 : ((n - 1) * GLYPH_ADVANCE + GLYPH_WIDTH) * scale;
}

/** Draws `text` with its top-left corner at (x, y); pixels outside the image are clipped. */
export function drawText(
  img: RgbImage,
  x: number,
  y: number,
  text: string,
  rgb: readonly [number, number, number],
  scale = 1,
): void {
  let penX = x;
  for (const ch of text) {
    const rows = GLYPHS.get(ch) ?? FALLBACK;
    for (let r = 0; r < GLYPH_HEIGHT; r++) {
      for (let c = 0; c < GLYPH_WIDTH; c++) {
        if ((rows[r]! >> (GLYPH_WIDTH - 1 - c)) & 1) {
          fillRect(img, penX + c * scale, y + r * scale, scale, scale, rgb);
        }
      }
    }
    penX += GLYPH_ADVANCE * scale;
  }
}

export function fillRect(
  img: RgbImage,
  x: number,
  y: number,
  w: number,
  h: number,
  rgb: readonly [number, number, number],
): void {
  const x0 = Math.max(0, x);
  const y0 = Math.max(0, y);
  const x1 = Math.min(img.width, x + w);
  const y1 = Math.min(img.height, y + h);
  for (let py = y0; py < y1; py++) {
    for (let px = x0; px < x1; px++) {
      const o = (py * img.width + px) * 3;
      img.data[o] = rgb[0];
      img.data[o + 1] = rgb[1];
      img.data[o + 2] = rgb[2];
    }
  }
}
