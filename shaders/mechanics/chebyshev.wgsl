// One step of the Chebyshev smoother on D⁻¹K (D the 2×2 node blocks of K): with r = rhs − K u,
//   d ← scale_d·d + scale_r·D⁻¹ r,  u_out = u_in + d,
// the three-term recurrence of Chebyshev polynomials written as a search direction, its scales
// per step from the eigenvalue interval (src/solvers/elasticity/chebyshev.ts). Every node is
// updated at once from u_in, so u ping-pongs between two buffers; fixed nodes keep their value.
// Bindings: level, step, lame, fixed, rhs, u_in, u_out, d.
// Dispatch: ((nx+1)/WG_X, (ny+1)/WG_Y), one invocation per node.
override WG_X: u32;
override WG_Y: u32;

struct ChebyshevStep {
  scale_d: f32,
  scale_r: f32,
}

@group(0) @binding(0) var<uniform> level: MechLevel;
@group(0) @binding(1) var<uniform> step: ChebyshevStep;
@group(0) @binding(2) var<storage, read> lame: array<vec2<f32>>;
@group(0) @binding(3) var<storage, read> fixed: array<u32>;
@group(0) @binding(4) var<storage, read> rhs: array<vec2<f32>>;
@group(0) @binding(5) var<storage, read> u_in: array<vec2<f32>>;
@group(0) @binding(6) var<storage, read_write> u_out: array<vec2<f32>>;
@group(0) @binding(7) var<storage, read_write> d: array<vec2<f32>>;

fn node_value(n: u32) -> vec2<f32> {
  return u_in[n];
}

fn element_lame(e: u32) -> vec2<f32> {
  return lame[e];
}

@compute @workgroup_size(WG_X, WG_Y)
fn main(@builtin(global_invocation_id) gid: vec3<u32>) {
  if (gid.x > level.nx || gid.y > level.ny) { return; }
  let n = node_of(level, gid.x, gid.y);
  if (fixed[n] != 0u) { u_out[n] = u_in[n]; return; }
  let row = node_row(level, gid.x, gid.y);
  let dn = step.scale_d * d[n] + step.scale_r * (inverse2(row.diag) * (rhs[n] - row.Ku));
  d[n] = dn;
  u_out[n] = u_in[n] + dn;
}
