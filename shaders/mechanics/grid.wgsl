// Node grid of the plane-strain elasticity solver: nx×ny square elements of side h (µm) and
// (nx+1)×(ny+1) nodes, both numbered row by row. One MechLevel per multigrid level and colour,
// with the coarsening ratio to the next level (rx, ry ∈ {1, 2}; 1 on the coarsest).
// Node colour = (i mod 2) + 2·(j mod 2): two nodes of one colour never share an element, so a
// colour is updated in parallel by a true Gauss–Seidel step. Every field is 4 bytes (the
// TypeScript side packs fields by name, in this order).
struct MechLevel {
  nx: u32,
  ny: u32,
  cnx: u32,
  cny: u32,
  rx: u32,
  ry: u32,
  colour: u32,
  // Element side (µm) and out-of-plane growth fraction κ (ε*_zz = κ ε*); finest level only.
  h: f32,
  kappa: f32,
}

// s(p) of a local node coordinate p ∈ {0, 1}: −1 on an element's low side, +1 on its high side.
fn sign01(p: u32) -> f32 {
  return select(-1.0, 1.0, p == 1u);
}

fn node_of(L: MechLevel, i: u32, j: u32) -> u32 {
  return j * (L.nx + 1u) + i;
}

fn element_of(L: MechLevel, i: u32, j: u32) -> u32 {
  return j * L.nx + i;
}

// Plane-strain Lamé constants (λ, μ) in kPa from Young's modulus E (kPa) and Poisson ratio ν.
fn lame_of(E: f32, nu: f32) -> vec2<f32> {
  return vec2<f32>(E * nu / ((1.0 + nu) * (1.0 - 2.0 * nu)), E / (2.0 * (1.0 + nu)));
}
