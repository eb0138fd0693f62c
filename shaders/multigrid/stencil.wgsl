// The five-point finite-volume operator A u = a·u + Σ_faces T_f (u − u_nb) on one level.
// faces[c] = (T_west, T_east, T_south, T_north) in 1/time·(1/µm² folded in); cell[c] = (a, fixed).
// Outside the domain u_nb = 0: Dirichlet data were folded into the right-hand side at assembly,
// and on coarse levels the correction vanishes there.

fn nb_value(u_idx: i32) -> f32 {
  if (u_idx < 0) { return 0.0; }
  return u[u_idx];
}

// Returns (Σ T_f u_nb, Σ T_f) for cell (i, j).
fn neighbour_sum(L: Level, i: i32, j: i32, c: u32) -> vec2<f32> {
  let T = faces[c];
  let s = T.x * nb_value(neighbour(L, i, j, -1, 0))
        + T.y * nb_value(neighbour(L, i, j, 1, 0))
        + T.z * nb_value(neighbour(L, i, j, 0, -1))
        + T.w * nb_value(neighbour(L, i, j, 0, 1));
  return vec2<f32>(s, T.x + T.y + T.z + T.w);
}
