// After compaction and scatter: the new live count, the next free id, and the tallies of
// divisions done and deferred (a deferral means the capacity was full; it is grown ahead of need,
// so a non-zero count says the population outran the growth checks).
// Bindings: params, census (survivors, births, next id, live count), ledger. Dispatch: (1).

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read_write> census: array<u32>;
@group(0) @binding(2) var<storage, read_write> ledger: array<atomic<u32>>;

// One invocation: a handful of counters, updated once a step.
@compute @workgroup_size(1)
fn main() {
  let survivors = census[0];
  let births = census[1];
  let fitted = min(births, params.capacity - survivors);
  census[3] = survivors + fitted;
  census[2] += fitted;
  atomicAdd(&ledger[C_DIVISIONS], fitted);
  atomicAdd(&ledger[C_DEFERRED], births - fitted);
}
