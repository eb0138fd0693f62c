// Stops an iterative solve on the GPU once ‖r‖ ≤ τ‖f‖ (f its right-hand side), without a
// read-back: every dispatch of the solve's later rounds is indirect, its workgroup counts in
// `args`, and `gate` writes them after each ‖r‖²: the nominal counts while the solve goes on,
// zero once it has converged, so the rounds recorded after that run no workgroups. The gate stays
// shut until `open` starts the next solve (and lets what is recorded before its first check run). A non-finite ‖r‖ also shuts it (the caller's NaN check
// sees the field). The owner's scalars hold r·r, f·f, the open flag and a round counter, each an
// f32 at the slot the params name; the gate adds one to the counter per round it lets through
// unless the owner counts its rounds itself (`counts` 0).
// Bindings: params, scalars, nominal (3 u32 per dispatch size), args. Dispatch: (1).
struct GateParams {
  // Dispatch sizes registered, each (x, y, z).
  sizes: u32,
  // τ, relative to ‖f‖.
  tolerance: f32,
  rr: u32,
  ff: u32,
  open: u32,
  count: u32,
  counts: u32,
}

@group(0) @binding(0) var<uniform> params: GateParams;
@group(0) @binding(1) var<storage, read_write> s: array<f32>;
@group(0) @binding(2) var<storage, read> nominal: array<u32>;
@group(0) @binding(3) var<storage, read_write> args: array<u32>;

// Dispatches recorded between open and the first check run. One invocation, as for gate(): a
// few scalars and at most CAPACITY (gpu/gate.ts) dispatch sizes.
@compute @workgroup_size(1)
fn open() {
  s[params.open] = 1.0;
  s[params.count] = 0.0;
  for (var k = 0u; k < 3u * params.sizes; k++) {
    args[k] = nominal[k];
  }
}

@compute @workgroup_size(1)
fn gate() {
  let t = params.tolerance;
  let going = s[params.open] != 0.0 && s[params.rr] > t * t * s[params.ff];
  s[params.open] = select(0.0, 1.0, going);
  if (going && params.counts != 0u) { s[params.count] += 1.0; }
  for (var k = 0u; k < 3u * params.sizes; k++) {
    args[k] = select(0u, nominal[k], going);
  }
}
