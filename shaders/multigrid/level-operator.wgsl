// What the level-wide sweep and residual kernels (smooth.wgsl, residual.wgsl) share: their
// workgroup, one level's operator (bindings 0–3) and the accessors stencil.wgsl reads it through.
// The including kernel declares u (binding 4): writable where it sweeps, read-only where it only
// takes the residual.
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> rhs: array<f32>;

fn u_value(c: u32) -> f32 {
  return u[c];
}

fn face_values(c: u32) -> vec4<f32> {
  return faces[c];
}
