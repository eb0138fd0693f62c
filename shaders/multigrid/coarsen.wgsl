// Coarse-level operator from the fine one, for the correction equation (fixed cells carry no
// correction). Faces between free fine cells of two coarse cells become the coarse face:
// parallel conductances add and the coarse face spans r cells in series, so for x faces
// T_c = Σ T_f / (rx²·ry) (likewise y). A face from a free cell to a fixed cell is a sink to
// zero correction wherever that fixed cell lies, so it joins the coarse reaction term:
// a_c = (Σ_free a_f + Σ T_sink) / (rx·ry). Only a coarse cell whose children are all fixed is
// fixed; marking it fixed when any child is would move the boundary by half a coarse cell per
// level and stall the cycle near it.
// A free cell with no conductance on any face (k = 0, e.g. a vessel lumen the transport solvers
// hold at the plasma value) is decoupled: the smoother solves it exactly (u = rhs/a) and it
// carries no correction either, so it is left out like a fixed cell. Counting its a (D/h² for a
// lumen, 10⁴ times the tissue's reaction) into the coarse cell would pin the coarse correction
// of every cell near a vessel to zero and leave the cycle to the smoother alone.
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
  let rx = f32(level.rx);
  let ry = f32(level.ry);
  let scale = vec4<f32>(rx * rx * ry, rx * rx * ry, ry * ry * rx, ry * ry * rx);
  let offsets = array<vec2<i32>, 4>(vec2<i32>(-1, 0), vec2<i32>(1, 0), vec2<i32>(0, -1), vec2<i32>(0, 1));
  var T = vec4<f32>(0.0);
  var a = 0.0;
  var free_children = 0u;
  for (var dj = 0u; dj < level.ry; dj++) {
    for (var di = 0u; di < level.rx; di++) {
      let i = level.rx * I + di;
      let j = level.ry * J + dj;
      let c = cell_index(i, j, level.nx);
      let ac = cell[c];
      if (ac.y != 0.0) { continue; }
      let Tf = faces[c];
      if (Tf.x + Tf.y + Tf.z + Tf.w <= 0.0) { continue; }
      free_children++;
      a += ac.x;
      for (var d = 0; d < 4; d++) {
        let nb = neighbour(level, i32(i), i32(j), offsets[d].x, offsets[d].y);
        if (nb < 0) { T[d] += Tf[d] / scale[d]; continue; }
        let ni = u32(nb) % level.nx;
        let nj = u32(nb) / level.nx;
        let same = ni / level.rx == I && nj / level.ry == J;
        if (cell[u32(nb)].y != 0.0) { a += Tf[d]; }
        else if (!same) { T[d] += Tf[d] / scale[d]; }
      }
    }
  }
  let C = cell_index(I, J, level.cnx);
  coarse_faces[C] = T;
  coarse_cell[C] = vec2<f32>(a / (rx * ry), select(0.0, 1.0, free_children == 0u));
}
