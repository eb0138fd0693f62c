// Rediscretisation of the next coarser level, shared by coarsen.wgsl and the coarse cycle: the
// including kernel defines fine_lame(e), (λ, μ) of fine element e (`base` offsets the fine level's
// elements in it).

// (λ, μ) of coarse element (I, J) by rediscretisation: the mean of its rx×ry children.
fn coarse_lame(L: MechLevel, I: u32, J: u32, base: u32) -> vec2<f32> {
  var sum = vec2<f32>(0.0);
  for (var dj = 0u; dj < L.ry; dj++) {
    for (var di = 0u; di < L.rx; di++) {
      sum += fine_lame(base + element_of(L, L.rx * I + di, L.ry * J + dj));
    }
  }
  return sum / f32(L.rx * L.ry);
}
