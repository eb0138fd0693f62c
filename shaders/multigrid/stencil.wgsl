// The five-point finite-volume operator A u = a·u + Σ_faces T_f (u − u_nb) on one level.
// faces[c] = (T_west, T_east, T_south, T_north) in 1/time·(1/µm² folded in); cell[c] = (a, fixed).
// Outside the domain u_nb = 0: Dirichlet data were folded into the right-hand side at assembly,
// and on coarse levels the correction vanishes there.
// The including kernel defines u_value(c) and face_values(c) for the level's cell c.

fn nb_value(u_idx: i32) -> f32 {
  if (u_idx < 0) { return 0.0; }
  return u_value(u32(u_idx));
}

// Returns (Σ T_f u_nb, Σ T_f) for cell (i, j).
fn neighbour_sum(L: Level, i: i32, j: i32, c: u32) -> vec2<f32> {
  let T = face_values(c);
  let s = T.x * nb_value(neighbour(L, i, j, -1, 0))
        + T.y * nb_value(neighbour(L, i, j, 1, 0))
        + T.z * nb_value(neighbour(L, i, j, 0, -1))
        + T.w * nb_value(neighbour(L, i, j, 0, 1));
  return vec2<f32>(s, T.x + T.y + T.z + T.w);
}

// The Gauss–Seidel value of free cell c (a: its reaction): (rhs + Σ T u_nb) / (a + Σ T), or
// none (x = 0) for a cell with nothing on its diagonal. Returns (value, 1) or (0, 0).
fn relaxed(L: Level, i: u32, j: u32, c: u32, a: f32, rhs_c: f32) -> vec2<f32> {
  let ns = neighbour_sum(L, i32(i), i32(j), c);
  let diag = a + ns.y;
  if (diag > 0.0) { return vec2<f32>((rhs_c + ns.x) / diag, 1.0); }
  return vec2<f32>(0.0);
}

// rhs − (A u) at cell c, zero on a fixed cell (ac: its (a, fixed)).
fn residual_at(L: Level, i: u32, j: u32, c: u32, ac: vec2<f32>, rhs_c: f32, u_c: f32) -> f32 {
  if (ac.y != 0.0) { return 0.0; }
  let ns = neighbour_sum(L, i32(i), i32(j), c);
  return rhs_c - ((ac.x + ns.y) * u_c - ns.x);
}
