// Peaceman well model check (docs/references.md, V2): a single-cell line
// source Q (per unit length) in a large ring held at 0, radius Rb. The continuum field is
// C(r) = (Q/(2πD)) ln(Rb/r), and the 5-point scheme's source-cell value equals it at the
// Peaceman radius r0 = 0.1985 h:  C_cell = (Q/(2πD)) ln(Rb/r0).

import { peacemanRadius } from '../vessels.ts';

/** The continuum line-source field at r (0 < r ≤ Rb). */
export function lineSourceField(Q: number, D: number, Rb: number, r: number): number {
  return (Q / (2 * Math.PI * D)) * Math.log(Rb / r);
}

/** The value the 5-point scheme should give in the source cell of size h. */
export function peacemanCellValue(Q: number, D: number, Rb: number, h: number): number {
  return lineSourceField(Q, D, Rb, peacemanRadius(h));
}
