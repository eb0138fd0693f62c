// The workgroup sizes of every compute kernel, defined here and nowhere else. A WGSL file declares
// those it uses as overrides with no default (`override WG: u32;`), so a pipeline built without
// them fails instead of running at a size the dispatch arithmetic does not expect; Kernel gives
// each pipeline the ones its code declares, and dispatches divide by these same numbers.

/** Invocations of a one-dimensional kernel's workgroup (WGSL `WG`). */
export const WG_1D = 64;

/** Invocations a side of a two-dimensional kernel's workgroup (WGSL `WG_X` × `WG_Y`). */
export const WG_2D = 8;

/**
 * Invocations of the one workgroup of a coarse cycle (WGSL `WG_CYCLE`; solvers/coarse-cycle.ts).
 * 64 rather than 256 because every barrier switches through all of them on a CPU adapter: with
 * 256 a step of a 32² grid took twice as long on SwiftShader (the cold first step 4.7–6.3 s
 * against 1.9–3.1 s with 64, 2026-12-05, with other work on the machine).
 */
export const WG_CYCLE = 64;

/** Invocations of the one workgroup that finds a field's range for the view (WGSL `WG_RANGE`): a power of two, for its tree reduction. */
export const WG_RANGE = 256;

const OVERRIDES: Readonly<Record<string, number>> = { WG: WG_1D, WG_X: WG_2D, WG_Y: WG_2D, WG_CYCLE, WG_RANGE };

/**
 * The pipeline constants for `code`: every override it declares, valued from this module. An
 * override this module does not define, or one with a WGSL default that could disagree with it,
 * is an error naming the kernel.
 */
export function workgroupConstants(kernel: string, code: string): Record<string, number> {
  const constants: Record<string, number> = {};
  const declaration = /\boverride\s+(\w+)\s*(?::\s*\w+\s*)?(=)?/g;
  for (const [, name, initialiser] of code.replace(/\/\/[^\n]*/g, '').matchAll(declaration)) {
    if (!(name in OVERRIDES)) throw new Error(`${kernel}: WGSL override ${name} is not a workgroup size of src/gpu/workgroup.ts (${Object.keys(OVERRIDES).join(', ')})`);
    if (initialiser) throw new Error(`${kernel}: WGSL override ${name} has a default; workgroup sizes come from src/gpu/workgroup.ts alone`);
    constants[name] = OVERRIDES[name];
  }
  return constants;
}
