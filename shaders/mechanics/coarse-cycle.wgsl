// The coarse end of the V-cycle in one dispatch: one workgroup runs, in order, the program of
// steps the CPU wrote (src/solvers/coarse-cycle.ts): the colour sweeps, residuals,
// restrictions and prolongations of every level from the first at most COARSE_CYCLE_MAX elements
// a side down, and the coarsest level's symmetric sweeps from zero, with a storage barrier after
// each step. Each step does its own kernel's arithmetic with the same functions (operator,
// restriction, prolongation, rediscretisation.wgsl), so the preconditioner is the same operator,
// bit for bit, in one dispatch instead of 19 a level; the levels' vectors lie one after another
// in shared buffers, at their offsets.
// The same kernel coarsens the levels' (λ, μ) and fixed flags (coarsen.wgsl) from a program of
// COARSEN steps, once per change of material.
// Bindings: shapes, steps and offsets (lib/cycle-steps.wgsl), lame, fixed, rhs, u, res.
// Dispatch: (1). The top level's u must be zero on entry (its restriction zeroes it).
override WG_CYCLE: u32;

@group(0) @binding(0) var<storage, read> shapes: array<MechLevel>;
@group(0) @binding(3) var<storage, read_write> lame: array<vec2<f32>>;
@group(0) @binding(4) var<storage, read_write> fixed: array<u32>;
@group(0) @binding(5) var<storage, read_write> rhs: array<vec2<f32>>;
@group(0) @binding(6) var<storage, read_write> u: array<vec2<f32>>;
@group(0) @binding(7) var<storage, read_write> res: array<vec2<f32>>;

var<private> node_base: u32;
var<private> element_base: u32;

fn node_value(n: u32) -> vec2<f32> {
  return u[node_base + n];
}

fn element_lame(e: u32) -> vec2<f32> {
  return lame[element_base + e];
}

fn residual_value(n: u32) -> vec2<f32> {
  return res[n];
}

fn coarse_value(n: u32) -> vec2<f32> {
  return u[n];
}

fn fine_lame(e: u32) -> vec2<f32> {
  return lame[e];
}

// Gauss–Seidel on one colour (smooth.wgsl) or r = rhs − K u (residual.wgsl); one node_row between them.
fn relax(L: MechLevel, c: vec4<u32>, kind: u32, lid: u32) {
  let smoothing = kind == SMOOTH;
  let cx = L.colour & 1u;
  let cy = L.colour >> 1u;
  let width = select(L.nx + 1u, (L.nx + 2u - cx) / 2u, smoothing);
  let height = select(L.ny + 1u, (L.ny + 2u - cy) / 2u, smoothing);
  for (var k = lid; k < width * height; k += WG_CYCLE) {
    let i = select(k % width, 2u * (k % width) + cx, smoothing);
    let j = select(k / width, 2u * (k / width) + cy, smoothing);
    let n = node_of(L, i, j);
    if (fixed[c.x + n] != 0u) {
      if (!smoothing) { res[c.x + n] = vec2<f32>(0.0); }
      continue;
    }
    let row = node_row(L, i, j);
    if (smoothing) {
      u[c.x + n] += inverse2(row.diag) * (rhs[c.x + n] - row.Ku);
    } else {
      res[c.x + n] = rhs[c.x + n] - row.Ku;
    }
  }
}

// restrict.wgsl from level c to the next: coarse rhs = Pᵀ r, coarse u = 0.
fn restrict_to_coarse(L: MechLevel, c: vec4<u32>, lid: u32) {
  for (var C = lid; C < (L.cnx + 1u) * (L.cny + 1u); C += WG_CYCLE) {
    let I = C % (L.cnx + 1u);
    let J = C / (L.cnx + 1u);
    u[c.z + C] = vec2<f32>(0.0);
    rhs[c.z + C] = select(restricted(L, I, J, c.x), vec2<f32>(0.0), fixed[c.z + C] != 0u);
  }
}

// prolong.wgsl into level c from the next: u += P e on free nodes.
fn prolong_from_coarse(L: MechLevel, c: vec4<u32>, lid: u32) {
  for (var n = lid; n < (L.nx + 1u) * (L.ny + 1u); n += WG_CYCLE) {
    if (fixed[c.x + n] != 0u) { continue; }
    u[c.x + n] += prolonged(L, n % (L.nx + 1u), n / (L.nx + 1u), c.z);
  }
}

// coarsen.wgsl from level c to the next: mean (λ, μ) of the children, fixed where the coincident node is.
fn coarsen_level(L: MechLevel, c: vec4<u32>, lid: u32) {
  for (var C = lid; C < (L.cnx + 1u) * (L.cny + 1u); C += WG_CYCLE) {
    let I = C % (L.cnx + 1u);
    let J = C / (L.cnx + 1u);
    fixed[c.z + C] = fixed[c.x + node_of(L, L.rx * I, L.ry * J)];
    if (I == L.cnx || J == L.cny) { continue; }
    lame[c.w + J * L.cnx + I] = coarse_lame(L, I, J, c.y);
  }
}

@compute @workgroup_size(WG_CYCLE)
fn main(@builtin(local_invocation_index) lid: u32) {
  for (var s = 0u; s < arrayLength(&steps); s++) {
    let step = steps[s];
    let c = offsets[step.y];
    var L = shapes[step.y];
    L.colour = step.z;
    node_base = c.x;
    element_base = c.y;
    switch step.x {
      case RESTRICT: { restrict_to_coarse(L, c, lid); }
      case PROLONG: { prolong_from_coarse(L, c, lid); }
      case COARSEN: { coarsen_level(L, c, lid); }
      default: { relax(L, c, step.x, lid); }
    }
    storageBarrier();
  }
}
