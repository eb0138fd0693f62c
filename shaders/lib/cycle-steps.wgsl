// The program of a coarse-cycle kernel (shaders/mechanics/ and shaders/multigrid/coarse-cycle.wgsl),
// written once by src/solvers/coarse-cycle.ts: one (kind, level, colour, unused) per step.
const SMOOTH: u32 = 0u;
const RESIDUAL: u32 = 1u;
const RESTRICT: u32 = 2u;
const PROLONG: u32 = 3u;
const COARSEN: u32 = 4u;

@group(0) @binding(1) var<storage, read> steps: array<vec4<u32>>;
