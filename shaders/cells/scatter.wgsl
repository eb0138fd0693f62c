// Moves every survivor to its compacted slot and appends each newborn after all survivors, in
// the order of their mothers: order, and so every later result, is the same on every run.
// A mother divides only if her daughter fits within the capacity; otherwise she keeps her full
// cycle clock and divides at a later step (census.wgsl counts these deferrals).
// Bindings: params, src_body, src_tag, dst_body, dst_tag, survivor_slot, birth_rank, census
// (survivors, births, next id, live count). Dispatch: linearGroups(capacity, WG).
const NONE: u32 = 0xffffffffu;

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read> src_body: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read> src_tag: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read_write> dst_body: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read_write> dst_tag: array<vec4<u32>>;
@group(0) @binding(5) var<storage, read> survivor_slot: array<u32>;
@group(0) @binding(6) var<storage, read> birth_rank: array<u32>;
@group(0) @binding(7) var<storage, read> census: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = agent_index(gid, nwg);
  if (i >= params.capacity) { return; }
  let slot = survivor_slot[i];
  if (slot == NONE) { return; }
  var pos = src_body[2u * i];
  let bio = src_body[2u * i + 1u];
  let t = src_tag[i];
  let rank = birth_rank[i];
  if (rank != NONE && census[0] + rank < params.capacity) {
    let u = uniform4(params.seed, t.x, params.step, STREAM_BIRTH);
    let a = 6.283185307179586 * u.x;
    let size = vec2<f32>(f32(params.nx), f32(params.ny)) * params.h * 0.99999;
    let offset = 0.5 * params.nucleus * vec2<f32>(cos(a), sin(a));
    let d = census[0] + rank;
    dst_body[2u * d] = vec4<f32>(clamp(pos.xy + offset, vec2<f32>(0.0), size), 3.141592653589793 * (2.0 * u.y - 1.0), 0.0);
    dst_body[2u * d + 1u] = bio;
    dst_tag[d] = vec4<u32>(census[2] + rank, t.y, t.z, t.w);
    pos = vec4<f32>(clamp(pos.xy - offset, vec2<f32>(0.0), size), pos.z, pos.w - 1.0);
  }
  dst_body[2u * slot] = pos;
  dst_body[2u * slot + 1u] = bio;
  dst_tag[slot] = t;
}
