// The arithmetic of the five-point finite-volume operator A u = a·u + Σ_faces T_f (u − u_nb),
// from a cell's face transmissibilities T = (west, east, south, north) and its four neighbours'
// values (0 outside the domain), wherever those values are held: stencil.wgsl reads them from
// a level's buffer, tile-cycle.wgsl from a tile in workgroup memory. One copy of the arithmetic
// keeps the two bit for bit the same.

// (Σ T_f u_nb, Σ T_f).
fn face_sum(T: vec4<f32>, west: f32, east: f32, south: f32, north: f32) -> vec2<f32> {
  let s = T.x * west + T.y * east + T.z * south + T.w * north;
  return vec2<f32>(s, T.x + T.y + T.z + T.w);
}

// The Gauss–Seidel value of a free cell (a: its reaction; ns: face_sum): (rhs + Σ T u_nb) /
// (a + Σ T), or none (x = 0) for a cell with nothing on its diagonal. Returns (value, 1) or (0, 0).
fn relaxed_from(ns: vec2<f32>, a: f32, rhs_c: f32) -> vec2<f32> {
  let diag = a + ns.y;
  if (diag > 0.0) { return vec2<f32>((rhs_c + ns.x) / diag, 1.0); }
  return vec2<f32>(0.0);
}

// rhs − (A u) at a cell, zero on a fixed cell (ac: its (a, fixed)).
fn residual_from(ns: vec2<f32>, ac: vec2<f32>, rhs_c: f32, u_c: f32) -> f32 {
  if (ac.y != 0.0) { return 0.0; }
  return rhs_c - ((ac.x + ns.y) * u_c - ns.x);
}
