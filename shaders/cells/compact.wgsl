// Stable stream compaction of agents: where each surviving agent goes, in its original order.
//   count:   chunk_count[b] = Σ alive[i] over chunk b (CHUNK agents a chunk)
//   scan:    chunk_offset = exclusive prefix sum of chunk_count; total[slot] = survivors
//   scatter: destination[i] = chunk_offset[b] + (survivors before i in chunk b), or NONE if dead
// No workgroup barriers: each invocation walks one chunk in order, so the result is the same on
// every adapter and run. Bindings: params, alive, chunk_count, chunk_offset, destination, total.
// Dispatch: count and scatter linearGroups(chunks, WG); scan (1).
override WG: u32;
const CHUNK: u32 = 256u;
const NONE: u32 = 0xffffffffu;

struct CompactParams {
  count: u32,
  chunks: u32,
  slot: u32,
}

@group(0) @binding(0) var<uniform> params: CompactParams;
@group(0) @binding(1) var<storage, read> alive: array<u32>;
@group(0) @binding(2) var<storage, read_write> chunk_count: array<u32>;
@group(0) @binding(3) var<storage, read_write> chunk_offset: array<u32>;
@group(0) @binding(4) var<storage, read_write> destination: array<u32>;
@group(0) @binding(5) var<storage, read_write> total: array<u32>;

fn chunk_of(gid: vec3<u32>, nwg: vec3<u32>) -> u32 {
  return gid.x + gid.y * nwg.x * WG;
}

@compute @workgroup_size(WG)
fn count(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let b = chunk_of(gid, nwg);
  if (b >= params.chunks) { return; }
  let end = min((b + 1u) * CHUNK, params.count);
  var n = 0u;
  for (var i = b * CHUNK; i < end; i++) { n += select(0u, 1u, alive[i] != 0u); }
  chunk_count[b] = n;
}

// One invocation: the scan is serial, over the few chunks (capacity / CHUNK), so it needs no barriers.
@compute @workgroup_size(1)
fn scan() {
  var sum = 0u;
  for (var b = 0u; b < params.chunks; b++) {
    chunk_offset[b] = sum;
    sum += chunk_count[b];
  }
  total[params.slot] = sum;
}

@compute @workgroup_size(WG)
fn scatter(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let b = chunk_of(gid, nwg);
  if (b >= params.chunks) { return; }
  let end = min((b + 1u) * CHUNK, params.count);
  var next = chunk_offset[b];
  for (var i = b * CHUNK; i < end; i++) {
    if (alive[i] != 0u) {
      destination[i] = next;
      next++;
    } else {
      destination[i] = NONE;
    }
  }
}
