// Coarsest level (at most 16×16 cells): one workgroup runs `level.sweeps` red-black
// Gauss–Seidel sweeps in workgroup memory, so the coarse solve is a single dispatch.
// Bindings: level, faces, cell, rhs, u. Dispatch: (1, 1).
@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> rhs: array<f32>;
@group(0) @binding(4) var<storage, read_write> u: array<f32>;

var<workgroup> shared_u: array<f32, 256>;

fn shared_value(idx: i32) -> f32 {
  if (idx < 0) { return 0.0; }
  return shared_u[idx];
}

@compute @workgroup_size(16, 16)
fn main(@builtin(local_invocation_id) lid: vec3<u32>) {
  let i = lid.x;
  let j = lid.y;
  let inside = i < level.nx && j < level.ny;
  var c = 0u;
  var T = vec4<f32>(0.0);
  var diag = 0.0;
  var b = 0.0;
  var updates = false;
  var nw = -1; var ne = -1; var ns = -1; var nn = -1;
  if (inside) {
    c = cell_index(i, j, level.nx);
    T = faces[c];
    let ac = cell[c];
    diag = ac.x + T.x + T.y + T.z + T.w;
    b = rhs[c];
    updates = ac.y == 0.0 && diag > 0.0;
    nw = neighbour(level, i32(i), i32(j), -1, 0);
    ne = neighbour(level, i32(i), i32(j), 1, 0);
    ns = neighbour(level, i32(i), i32(j), 0, -1);
    nn = neighbour(level, i32(i), i32(j), 0, 1);
    shared_u[c] = u[c];
  }
  workgroupBarrier();
  for (var sweep = 0u; sweep < level.sweeps; sweep++) {
    for (var colour = 0u; colour < 2u; colour++) {
      if (updates && ((i + j) & 1u) == colour) {
        let s = T.x * shared_value(nw) + T.y * shared_value(ne) + T.z * shared_value(ns) + T.w * shared_value(nn);
        shared_u[c] = (b + s) / diag;
      }
      workgroupBarrier();
    }
  }
  if (inside) { u[c] = shared_u[c]; }
}
