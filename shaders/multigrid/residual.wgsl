// Residual r = rhs − A u on one level (zero on fixed cells).
// Bindings: level, faces, cell, rhs, u, r. Dispatch: (nx/WG_X, ny/WG_Y).
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> rhs: array<f32>;
@group(0) @binding(4) var<storage, read> u: array<f32>;
@group(0) @binding(5) var<storage, read_write> r: array<f32>;

fn u_value(c: u32) -> f32 {
  return u[c];
}

fn face_values(c: u32) -> vec4<f32> {
  return faces[c];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let j = gid.y;
  if (i >= level.nx || j >= level.ny) { return; }
  let c = cell_index(i, j, level.nx);
  r[c] = residual_at(level, i, j, c, cell[c], rhs[c], u[c]);
}
