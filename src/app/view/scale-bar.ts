// A scale bar under the view: a bar of a round length (1, 2 or 5 × 10ᵏ µm) about a hundred CSS
// pixels long, labelled in µm or mm. The element holds the label text and a <span> drawn as the bar.

/** The largest 1, 2 or 5 × 10ᵏ that is at most `maxMicrons` (which must be positive). */
export function roundLength(maxMicrons: number): number {
  const decade = 10 ** Math.floor(Math.log10(maxMicrons));
  const step = [5, 2, 1].find((m) => m * decade <= maxMicrons * (1 + 1e-9)) ?? 1;
  return step * decade;
}

export function formatLength(microns: number): string {
  return microns >= 1000 ? `${microns / 1000} mm` : `${microns} µm`;
}

/** Sets `element`'s label and bar for a view at `micronsPerCssPixel`, the bar at most `maxCssPixels` long. */
export function showScaleBar(element: HTMLElement, micronsPerCssPixel: number, maxCssPixels = 120): void {
  if (!(micronsPerCssPixel > 0) || !Number.isFinite(micronsPerCssPixel)) return;
  const length = roundLength(maxCssPixels * micronsPerCssPixel);
  const bar = element.querySelector('span') ?? element.appendChild(document.createElement('span'));
  const label = element.firstChild instanceof Text ? element.firstChild : element.insertBefore(document.createTextNode(''), bar);
  label.data = formatLength(length);
  bar.style.width = `${length / micronsPerCssPixel}px`;
}
