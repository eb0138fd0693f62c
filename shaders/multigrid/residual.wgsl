// Residual r = rhs − A u on one level (zero on fixed cells).
// Bindings: level, faces, cell, rhs, u, r. Dispatch: (nx/WG_X, ny/WG_Y).
override WG_X: u32 = 8u;
override WG_Y: u32 = 8u;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> rhs: array<f32>;
@group(0) @binding(4) var<storage, read> u: array<f32>;
@group(0) @binding(5) var<storage, read_write> r: array<f32>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let j = gid.y;
  if (i >= level.nx || j >= level.ny) { return; }
  let c = cell_index(i, j, level.nx);
  let ac = cell[c];
  if (ac.y != 0.0) { r[c] = 0.0; return; }
  let ns = neighbour_sum(level, i32(i), i32(j), c);
  r[c] = rhs[c] - ((ac.x + ns.y) * u[c] - ns.x);
}
