// The five-point finite-volume operator A u = a·u + Σ_faces T_f (u − u_nb) on one level
// (stencil-terms.wgsl), its neighbours read through the including kernel's accessors.
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
  return face_sum(face_values(c),
    nb_value(neighbour(L, i, j, -1, 0)), nb_value(neighbour(L, i, j, 1, 0)),
    nb_value(neighbour(L, i, j, 0, -1)), nb_value(neighbour(L, i, j, 0, 1)));
}

// The Gauss–Seidel value of free cell c: relaxed_from with its neighbours.
fn relaxed(L: Level, i: u32, j: u32, c: u32, a: f32, rhs_c: f32) -> vec2<f32> {
  return relaxed_from(neighbour_sum(L, i32(i), i32(j), c), a, rhs_c);
}

// rhs − (A u) at cell c, zero on a fixed cell (ac: its (a, fixed)).
fn residual_at(L: Level, i: u32, j: u32, c: u32, ac: vec2<f32>, rhs_c: f32, u_c: f32) -> f32 {
  if (ac.y != 0.0) { return 0.0; }
  return residual_from(neighbour_sum(L, i32(i), i32(j), c), ac, rhs_c, u_c);
}
