// Coarse-level operator from the fine one. Parallel fine faces on a coarse face add their
// conductances, and the coarse face spans r cells in series, so for x faces
// T_c = Σ T_f / (rx²·ry) (likewise for y); a_c is the children's mean; a coarse cell is fixed
// (zero correction) when any child is.
// Bindings: level (fine), fine faces, fine cell, coarse faces, coarse cell. Dispatch: (cnx/WG_X, cny/WG_Y).
override WG_X: u32 = 8u;
override WG_Y: u32 = 8u;

@group(0) @binding(0) var<uniform> level: Level;
@group(0) @binding(1) var<storage, read> faces: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> cell: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> coarse_faces: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> coarse_cell: array<vec2<f32>>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let I = gid.x;
  let J = gid.y;
  if (I >= level.cnx || J >= level.cny) { return; }
  let i0 = level.rx * I;
  let j0 = level.ry * J;
  let i1 = i0 + level.rx - 1u;
  let j1 = j0 + level.ry - 1u;
  var T = vec4<f32>(0.0);
  for (var dj = 0u; dj < level.ry; dj++) {
    T.x += faces[cell_index(i0, j0 + dj, level.nx)].x;
    T.y += faces[cell_index(i1, j0 + dj, level.nx)].y;
  }
  for (var di = 0u; di < level.rx; di++) {
    T.z += faces[cell_index(i0 + di, j0, level.nx)].z;
    T.w += faces[cell_index(i0 + di, j1, level.nx)].w;
  }
  let rx = f32(level.rx);
  let ry = f32(level.ry);
  T = T / vec4<f32>(rx * rx * ry, rx * rx * ry, ry * ry * rx, ry * ry * rx);
  var a = 0.0;
  var fixed = 0.0;
  for (var dj = 0u; dj < level.ry; dj++) {
    for (var di = 0u; di < level.rx; di++) {
      let ac = cell[cell_index(i0 + di, j0 + dj, level.nx)];
      a += ac.x;
      fixed = max(fixed, ac.y);
    }
  }
  let C = cell_index(I, J, level.cnx);
  coarse_faces[C] = T;
  coarse_cell[C] = vec2<f32>(a / (rx * ry), fixed);
}
