// The program of a coarse-cycle kernel (shaders/mechanics/ and shaders/multigrid/coarse-cycle.wgsl),
// written once by src/solvers/coarse-cycle.ts: one (kind, level, colour, unused) per step, and
// the levels' offsets. Binding 0 is the levels' shapes, in the including kernel's struct.
const SMOOTH: u32 = 0u;
const RESIDUAL: u32 = 1u;
const RESTRICT: u32 = 2u;
const PROLONG: u32 = 3u;
const COARSEN: u32 = 4u;

@group(0) @binding(1) var<storage, read> steps: array<vec4<u32>>;
// Per level, where it and the next level start in the shared buffers, in entries: (its unknowns,
// its elements, the next level's unknowns, the next level's elements); elements only for the stress.
@group(0) @binding(2) var<storage, read> offsets: array<vec4<u32>>;
