// Coarse-level operator from the fine one, shared by coarsen.wgsl and the coarse cycle. The
// including kernel defines fine_faces(c) and fine_cell(c) of fine cell c (`base` offsets the
// fine level's cells in them).
// The operator is that of the correction equation (fixed cells carry no correction). Faces
// between free fine cells of two coarse cells become the coarse face: parallel conductances
// add and the coarse face spans r cells in series, so for x faces T_c = Σ T_f / (rx²·ry)
// (likewise y). A face from a free cell to a fixed cell is a sink to
// zero correction wherever that fixed cell lies, so it joins the coarse reaction term:
// a_c = (Σ_free a_f + Σ T_sink) / (rx·ry). Only a coarse cell whose children are all fixed is
// fixed; marking it fixed when any child is would move the boundary by half a coarse cell per
// level and stall the cycle near it.
// A free cell with no conductance on any face (k = 0, e.g. a vessel lumen the transport solvers
// hold at the plasma value) is decoupled: the smoother solves it exactly (u = rhs/a) and it
// carries no correction either, so it is left out like a fixed cell. Counting its a (D/h² for a
// lumen, 10⁴ times the tissue's reaction) into the coarse cell would pin the coarse correction
// of every cell near a vessel to zero and leave the cycle to the smoother alone.

struct CoarseCell {
  faces: vec4<f32>,
  cell: vec2<f32>,
}

fn coarse_cell_of(L: Level, I: u32, J: u32, base: u32) -> CoarseCell {
  let rx = f32(L.rx);
  let ry = f32(L.ry);
  let scale = vec4<f32>(rx * rx * ry, rx * rx * ry, ry * ry * rx, ry * ry * rx);
  let offsets = array<vec2<i32>, 4>(vec2<i32>(-1, 0), vec2<i32>(1, 0), vec2<i32>(0, -1), vec2<i32>(0, 1));
  var T = vec4<f32>(0.0);
  var a = 0.0;
  var free_children = 0u;
  for (var dj = 0u; dj < L.ry; dj++) {
    for (var di = 0u; di < L.rx; di++) {
      let i = L.rx * I + di;
      let j = L.ry * J + dj;
      let c = cell_index(i, j, L.nx);
      let ac = fine_cell(base + c);
      if (ac.y != 0.0) { continue; }
      let Tf = fine_faces(base + c);
      if (Tf.x + Tf.y + Tf.z + Tf.w <= 0.0) { continue; }
      free_children++;
      a += ac.x;
      for (var d = 0; d < 4; d++) {
        let nb = neighbour(L, i32(i), i32(j), offsets[d].x, offsets[d].y);
        if (nb < 0) { T[d] += Tf[d] / scale[d]; continue; }
        let ni = u32(nb) % L.nx;
        let nj = u32(nb) / L.nx;
        let same = ni / L.rx == I && nj / L.ry == J;
        if (fine_cell(base + u32(nb)).y != 0.0) { a += Tf[d]; }
        else if (!same) { T[d] += Tf[d] / scale[d]; }
      }
    }
  }
  return CoarseCell(T, vec2<f32>(a / (rx * ry), select(0.0, 1.0, free_children == 0u)));
}
