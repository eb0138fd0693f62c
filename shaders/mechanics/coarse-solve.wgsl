// Coarsest level (at most 16×16 elements, 17×17 nodes): one workgroup runs `level.sweeps`
// symmetric point-block Gauss–Seidel sweeps (colours 0,1,2,3 then 3,2,1,0) from zero in
// workgroup memory. A fixed number of symmetric sweeps from zero is a fixed symmetric linear
// operator, so the V-cycle stays a valid conjugate-gradient preconditioner.
// Bindings: level, lame, fixed, rhs, u. Dispatch: (1), one workgroup of WG invocations, each
// looping over the nodes n ≡ lid (mod WG).
const MAX_NODES: u32 = 289u;    // (COARSEST_MAX + 1)², src/solvers/levels.ts
const MAX_ELEMENTS: u32 = 256u; // COARSEST_MAX²
override WG: u32 = 256u;

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<storage, read> lame: array<vec2<f32>>;
@group(0) @binding(2) var<storage, read> fixed: array<u32>;
@group(0) @binding(3) var<storage, read> rhs: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> u: array<vec2<f32>>;

var<workgroup> shared_u: array<vec2<f32>, MAX_NODES>;
var<workgroup> shared_lame: array<vec2<f32>, MAX_ELEMENTS>;

fn node_value(n: u32) -> vec2<f32> {
  return shared_u[n];
}

fn element_lame(e: u32) -> vec2<f32> {
  return shared_lame[e];
}

@compute @workgroup_size(WG)
fn main(@builtin(local_invocation_index) lid: u32) {
  let width = level.nx + 1u;
  let nodes = width * (level.ny + 1u);
  for (var n = lid; n < nodes; n += WG) { shared_u[n] = vec2<f32>(0.0); }
  for (var e = lid; e < level.nx * level.ny; e += WG) { shared_lame[e] = lame[e]; }
  workgroupBarrier();
  for (var sweep = 0u; sweep < level.sweeps; sweep++) {
    for (var step = 0u; step < 8u; step++) {
      let colour = select(step, 7u - step, step >= 4u);
      for (var n = lid; n < nodes; n += WG) {
        let i = n % width;
        let j = n / width;
        if ((i & 1u) + 2u * (j & 1u) != colour || fixed[n] != 0u) { continue; }
        let row = node_row(level, i, j);
        shared_u[n] += inverse2(row.diag) * (rhs[n] - row.Ku);
      }
      workgroupBarrier();
    }
  }
  for (var n = lid; n < nodes; n += WG) { u[n] = shared_u[n]; }
}
