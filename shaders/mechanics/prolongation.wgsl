// Prolongation from the next coarser level, shared by prolong.wgsl and the coarse cycle: the
// including kernel defines coarse_value(n), the coarse correction at node n (`base` offsets the
// coarse level's nodes in it).

// (P e) at fine node (i, j): the mean of the (one, two or four) coarse nodes around it, each
// listed once per axis neighbour, so coincident nodes get weight 1 and halfway nodes 1/2.
fn prolonged(L: MechLevel, i: u32, j: u32, base: u32) -> vec2<f32> {
  let w = L.cnx + 1u;
  let I0 = i / L.rx;
  let I1 = (i + L.rx - 1u) / L.rx;
  let J0 = j / L.ry;
  let J1 = (j + L.ry - 1u) / L.ry;
  return 0.25 * (coarse_value(base + J0 * w + I0) + coarse_value(base + J0 * w + I1) + coarse_value(base + J1 * w + I0) + coarse_value(base + J1 * w + I1));
}
