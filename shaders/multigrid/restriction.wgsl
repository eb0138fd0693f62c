// Restriction to the next coarser level, shared by restrict.wgsl and the coarse cycle: the
// finite-volume average of a coarse cell's children. The including kernel defines
// residual_value(c), the fine residual at cell c (`base` offsets the fine level's cells in it).
fn restricted(L: Level, I: u32, J: u32, base: u32) -> f32 {
  var sum = 0.0;
  for (var dj = 0u; dj < L.ry; dj++) {
    for (var di = 0u; di < L.rx; di++) {
      sum += residual_value(base + cell_index(L.rx * I + di, L.ry * J + dj, L.nx));
    }
  }
  return sum / f32(L.rx * L.ry);
}
