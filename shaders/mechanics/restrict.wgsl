// Restriction of the residual to the next coarser level, the transpose of bilinear
// prolongation: weights 1 (coincident fine node) and 1/2 (fine nodes halfway) along each
// coarsened axis, no scaling (the 2D Q1 stiffness does not scale with h, so Pᵀ K P matches the
// rediscretised coarse K). Also zeroes the coarse correction. Zero on fixed coarse nodes.
// Bindings: level (fine, with cnx, cny, rx, ry), coarse fixed, fine residual, coarse rhs, coarse u.
// Dispatch: ((cnx+1)/WG_X, (cny+1)/WG_Y), one invocation per coarse node.
override WG_X: u32 = 8u;
override WG_Y: u32 = 8u;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> coarse_fixed: array<u32>;
@group(0) @binding(2) var<storage, read> r: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read_write> coarse_rhs: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> coarse_u: array<vec2<f32>>;

// Weight of the fine node offset d ∈ {−1, 0, 1} from the coincident one, along an axis of ratio r.
fn axis_weight(d: i32, r: u32) -> f32 {
  if (r == 1u) { return select(0.0, 1.0, d == 0); }
  return 1.0 - 0.5 * f32(abs(d));
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let I = gid.x;
  let J = gid.y;
  if (I > level.cnx || J > level.cny) { return; }
  let C = J * (level.cnx + 1u) + I;
  coarse_u[C] = vec2<f32>(0.0);
  var sum = vec2<f32>(0.0);
  if (coarse_fixed[C] == 0u) {
    for (var dj = -1; dj <= 1; dj++) {
      let j = i32(level.ry * J) + dj;
      let wy = axis_weight(dj, level.ry);
      if (j < 0 || j > i32(level.ny) || wy == 0.0) { continue; }
      for (var di = -1; di <= 1; di++) {
        let i = i32(level.rx * I) + di;
        let wx = axis_weight(di, level.rx);
        if (i < 0 || i > i32(level.nx) || wx == 0.0) { continue; }
        sum += wx * wy * r[node_of(level, u32(i), u32(j))];
      }
    }
  }
  coarse_rhs[C] = sum;
}
