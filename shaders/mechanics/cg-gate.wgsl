// Stops the conjugate-gradient iteration on the GPU once ‖r‖ ≤ τ‖f‖ (f the load), without a
// read-back: every dispatch of the iteration is indirect, its workgroup counts in `args`, and
// `gate` writes them after each ‖r‖² — the nominal counts while the solve goes on, zero once it
// has converged, so the iterations recorded after that run no workgroups. The gate stays shut
// until `open` starts the next solve. A non-finite ‖r‖ also shuts it (the caller's NaN check
// sees the field). `alpha` of cg-scalars.wgsl counts the iterations done.
// Bindings: params, scalars, nominal (3 u32 per dispatch size), args. Dispatch: (1).
struct GateParams {
  // Dispatch sizes registered, each (x, y, z).
  sizes: u32,
  // τ, relative to ‖f‖.
  tolerance: f32,
}

@group(0) @binding(0) var<uniform> params: GateParams;
@group(0) @binding(1) var<storage, read_write> s: CgScalars;
@group(0) @binding(2) var<storage, read> nominal: array<u32>;
@group(0) @binding(3) var<storage, read_write> args: array<u32>;

@compute @workgroup_size(1)
fn open() {
  s.open = 1.0;
  s.iterations = 0.0;
}

@compute @workgroup_size(1)
fn gate() {
  let t = params.tolerance;
  let going = s.open != 0.0 && s.rr > t * t * s.ff;
  s.open = select(0.0, 1.0, going);
  for (var k = 0u; k < 3u * params.sizes; k++) {
    args[k] = select(0u, nominal[k], going);
  }
}
