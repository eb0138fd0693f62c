// Finest level from the material: per element (λ, μ) (plane strain, kPa) from E (kPa) and ν,
// and per node the eigenstrain load f = Σ_e ∫ Bᵀ C ε*_e. For isotropic in-plane growth ε*
// (ε*_zz = κ ε*) the eigenstress C ε* is isotropic in-plane, σ* = ((2 + κ)λ + 2μ) ε*, and
// ∫ ∇N_a over a square element is (h/2)(s(a.x), s(a.y)), so f_n = Σ_e σ*_e (h/2) s(a).
// Units: f in kPa·µm (force per unit thickness), like K u.
// Bindings: level, E, nu, eigenstrain (per element), lame (per element), load (per node).
// Dispatch: ((nx+1)/WG_X, (ny+1)/WG_Y), one invocation per node; it also writes element (i, j).
override WG_X: u32;
override WG_Y: u32;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> E: array<f32>;
@group(0) @binding(2) var<storage, read> nu: array<f32>;
@group(0) @binding(3) var<storage, read> eigenstrain: array<f32>;
@group(0) @binding(4) var<storage, read_write> lame: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read_write> load: array<vec2<f32>>;

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  let i = gid.x;
  let j = gid.y;
  if (i > level.nx || j > level.ny) { return; }
  var f = vec2<f32>(0.0);
  for (var dy = 0u; dy < 2u; dy++) {
    for (var dx = 0u; dx < 2u; dx++) {
      if (i + dx < 1u || j + dy < 1u || i + dx > level.nx || j + dy > level.ny) { continue; }
      let e = element_of(level, i + dx - 1u, j + dy - 1u);
      let lm = lame_of(E[e], nu[e]);
      let eigenstress = ((2.0 + level.kappa) * lm.x + 2.0 * lm.y) * eigenstrain[e];
      // This node is local node (1 − dx, 1 − dy): s = +1 on the element's high side.
      f += eigenstress * 0.5 * level.h * vec2<f32>(sign01(1u - dx), sign01(1u - dy));
    }
  }
  load[node_of(level, i, j)] = f;
  if (i < level.nx && j < level.ny) {
    let e = element_of(level, i, j);
    lame[e] = lame_of(E[e], nu[e]);
  }
}
