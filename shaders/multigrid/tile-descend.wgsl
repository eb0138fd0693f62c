// The way down a level of the tiled V-cycle in one dispatch (tile.wgsl): the pre-smoothing
// sweeps, then the residual of the smoothed level restricted to the next coarser one
// (restriction.wgsl's average of a coarse cell's children, each residual computed in the tile)
// and a zero initial guess there. The smoothed level goes to `tile_out`, not back to `u`: the
// way up (tile-ascend.wgsl) reads it from there.
// Bindings: 0–5 as tile.wgsl declares them (u: the level before smoothing), tile_out, coarse
// rhs, coarse u. Dispatch: (⌈nx/TILE⌉, ⌈ny/TILE⌉).
@group(0) @binding(6) var<storage, read_write> tile_out: array<f32>;
@group(0) @binding(7) var<storage, read_write> coarse_rhs: array<f32>;
@group(0) @binding(8) var<storage, read_write> coarse_u: array<f32>;

fn tile_load(i: u32, j: u32) -> f32 {
  return u[cell_index(i, j, level.nx)];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(workgroup_id) group: vec3<u32>, @builtin(local_invocation_id) lid: vec3<u32>) {
  tile_sweep(group, lid.xy);
  let rx = i32(level.rx);
  let ry = i32(level.ry);
  for (var y = i32(lid.y); y < TILE / ry; y += i32(WG_Y)) {
    for (var x = i32(lid.x); x < TILE / rx; x += i32(WG_X)) {
      let I = tile_origin.x / rx + x;
      let J = tile_origin.y / ry + y;
      if (I >= i32(level.cnx) || J >= i32(level.cny)) { continue; }
      // restricted()'s order of summation, so the coarse right-hand side is the same to the bit.
      var sum = 0.0;
      for (var dj = 0; dj < ry; dj++) {
        for (var di = 0; di < rx; di++) {
          let i = rx * I + di;
          let j = ry * J + dj;
          let c = cell_index(u32(i), u32(j), level.nx);
          let p = (i - tile_origin.x + tile_halo) + (j - tile_origin.y + tile_halo) * tile_side;
          sum += residual_from(tile_face_sum(p, faces[c]), cell[c], rhs[c], tile_u[p]);
        }
      }
      let C = cell_index(u32(I), u32(J), level.cnx);
      coarse_rhs[C] = sum / f32(level.rx * level.ry);
      coarse_u[C] = 0.0;
    }
  }
}
