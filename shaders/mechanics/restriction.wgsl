// Restriction from a level to the next coarser one, shared by restrict.wgsl and the coarse
// cycle: the including kernel defines residual_value(n), the fine residual at node n (`base`
// offsets the fine level's nodes in it).

// Weight of the fine node offset d ∈ {−1, 0, 1} from the coincident one, along an axis of ratio r.
fn axis_weight(d: i32, r: u32) -> f32 {
  if (r == 1u) { return select(0.0, 1.0, d == 0); }
  return 1.0 - 0.5 * f32(abs(d));
}

// (Pᵀ r) at coarse node (I, J): the transpose of bilinear prolongation, weights 1 (coincident
// fine node) and 1/2 (halfway) along each coarsened axis, no scaling (the 2D Q1 stiffness does
// not scale with h, so Pᵀ K P matches the rediscretised coarse K).
fn restricted(L: MechLevel, I: u32, J: u32, base: u32) -> vec2<f32> {
  var sum = vec2<f32>(0.0);
  for (var dj = -1; dj <= 1; dj++) {
    let j = i32(L.ry * J) + dj;
    let wy = axis_weight(dj, L.ry);
    if (j < 0 || j > i32(L.ny) || wy == 0.0) { continue; }
    for (var di = -1; di <= 1; di++) {
      let i = i32(L.rx * I) + di;
      let wx = axis_weight(di, L.rx);
      if (i < 0 || i > i32(L.nx) || wx == 0.0) { continue; }
      sum += wx * wy * residual_value(base + node_of(L, u32(i), u32(j)));
    }
  }
  return sum;
}
