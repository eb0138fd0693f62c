// What the level-wide sweep and residual kernels (smooth.wgsl, residual.wgsl) share: their
// workgroup, one level's operator (bindings 0–3) and the accessors operator.wgsl reads it
// through. The including kernel declares u (binding 4): writable where it sweeps, read-only
// where it only applies the operator.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> lame: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> fixed: array<u32>;
@group(0) @binding(3) var<storage, read> rhs: array<vec2<f32>>;

fn node_value(n: u32) -> vec2<f32> {
  return u[n];
}

fn element_lame(e: u32) -> vec2<f32> {
  return lame[e];
}
