// Bilinear (cell-centred) prolongation of the coarse correction, shared by prolong.wgsl and the
// coarse cycle: weights 3/4 and 1/4 along each coarsened axis; outside the domain the coarse
// correction is mirrored (Neumann), negated (Dirichlet: zero on the boundary face) or wrapped
// (periodic). The including kernel defines coarse_value(C), the coarse correction at coarse
// cell C (`base` offsets the coarse level's cells in it).

// Coarse value at (I, J) where one of I, J may step one cell outside the coarse grid.
fn coarse_at(L: Level, I: i32, J: i32, I0: i32, J0: i32, base: u32) -> f32 {
  var ii = I;
  var jj = J;
  var sign = 1.0;
  let cnx = i32(L.cnx);
  let cny = i32(L.cny);
  if (ii < 0 || ii >= cnx) {
    let bc = select(L.bc_e, L.bc_w, ii < 0);
    if (bc == BC_PERIODIC) { ii = (ii + cnx) % cnx; } else { ii = I0; if (bc == BC_DIRICHLET) { sign = -sign; } }
  }
  if (jj < 0 || jj >= cny) {
    let bc = select(L.bc_n, L.bc_s, jj < 0);
    if (bc == BC_PERIODIC) { jj = (jj + cny) % cny; } else { jj = J0; if (bc == BC_DIRICHLET) { sign = -sign; } }
  }
  return sign * coarse_value(base + u32(jj * cnx + ii));
}

// (P e) at fine cell (i, j).
fn prolonged(L: Level, i: u32, j: u32, base: u32) -> f32 {
  let I = i32(i / L.rx);
  let J = i32(j / L.ry);
  var wx = 1.0;
  var sx = 0;
  if (L.rx == 2u) { wx = 0.75; sx = select(1, -1, (i & 1u) == 0u); }
  var wy = 1.0;
  var sy = 0;
  if (L.ry == 2u) { wy = 0.75; sy = select(1, -1, (j & 1u) == 0u); }
  var e = wx * wy * coarse_at(L, I, J, I, J, base);
  if (sx != 0) { e += (1.0 - wx) * wy * coarse_at(L, I + sx, J, I, J, base); }
  if (sy != 0) { e += wx * (1.0 - wy) * coarse_at(L, I, J + sy, I, J, base); }
  if (sx != 0 && sy != 0) { e += (1.0 - wx) * (1.0 - wy) * coarse_at(L, I + sx, J + sy, I, J, base); }
  return e;
}
