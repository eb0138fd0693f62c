// NK cells patrol and kill (README "Cells"): a persistent random walk at their own speed in the
// same substeps as the cancer cells' walk (act.wgsl), drawn up the tumour-cell density gradient;
// after each substep an NK cell with kills left and no refractory time left touches the tumour
// cells whose centres lie within the contact distance r_c of its own, and attacks one of them
// with the chance over the substep of a kill hazard k/(1 + β·max(I − 1, 0)). Contact is geometry,
// not the grid: the NK reads the lists of cells (deposit.wgsl) of every grid cell that the disk
// of radius r_c overlaps, and of the cells within r_c takes the one with the largest hash of
// (seed, index, step). In tissue of n tumour cells per µm² an NK cell is thus in contact with
// chance 1 − exp(−n·π·r_c²) whatever h is, and it picks uniformly among those it touches.
// At most one attack a step; when several attack the same cell, the highest NK index wins: a
// deterministic choice.
// Storage per NK: nk_body[i] = (x µm, y µm, heading, refractory minutes left);
// nk_tag[i] = (id, kills left, kills made, 1 + victim index or 0).
// Bindings: params, nk_body, nk_tag, env, contact, link, killer, body, census.
// Dispatch: linearGroups(nk count, WG).

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read_write> nk_body: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> nk_tag: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> env: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> contact: array<u32>;
@group(0) @binding(5) var<storage, read> link: array<u32>;
@group(0) @binding(6) var<storage, read_write> killer: array<atomic<u32>>;
@group(0) @binding(7) var<storage, read> body: array<vec4<f32>>;
@group(0) @binding(8) var<storage, read> census: array<u32>;

// 1 + the index of the tumour cell within r_c of p that the hash picks; 0: none within r_c.
fn touched(p: vec2<f32>) -> u32 {
  let r = params.nk_contact;
  let last = vec2<i32>(i32(params.nx) - 1, i32(params.ny) - 1);
  let lo = clamp(vec2<i32>(floor((p - vec2<f32>(r)) / params.h)), vec2<i32>(0), last);
  let hi = clamp(vec2<i32>(floor((p + vec2<f32>(r)) / params.h)), vec2<i32>(0), last);
  var best = 0u;
  var best_key = 0u;
  for (var y = lo.y; y <= hi.y; y++) {
    for (var x = lo.x; x <= hi.x; x++) {
      var v = contact[2u * (u32(y) * params.nx + u32(x)) + 1u];
      while (v != 0u && v - 1u < census[3]) {
        let d = body[2u * (v - 1u)].xy - p;
        let key = hash4(params.seed, v, params.step, STREAM_EXPOSE).x | 1u;
        // Equal keys go to the larger index, so the list's order never decides.
        if (dot(d, d) <= r * r && (key > best_key || (key == best_key && v > best))) {
          best = v;
          best_key = key;
        }
        v = link[v - 1u];
      }
    }
  }
  return best;
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = agent_index(gid, nwg);
  if (i >= params.nk_count) { return; }
  var pos = nk_body[i];
  var t = nk_tag[i];
  let size = vec2<f32>(f32(params.nx), f32(params.ny)) * params.h;
  let e = vec2<f32>(params.h, 0.0);
  let delta = params.walk_substep;
  t.w = 0u;
  for (var k = 0u; k < params.walk_steps; k++) {
    let u = uniform4(params.seed, t.x, params.step * 64u + k, STREAM_NK);
    pos.z = wrap_angle(pos.z + normal2(u.xy).x * params.walk_turn);
    let gradient = vec2<f32>(
      sample_env(pos.xy + e.xy, 1u).z - sample_env(pos.xy - e.xy, 1u).z,
      sample_env(pos.xy + e.yx, 1u).z - sample_env(pos.xy - e.yx, 1u).z);
    let norm = length(gradient);
    let up = select(vec2<f32>(0.0), gradient / norm, norm > 1e-6);
    let bias = params.nk_bias * select(0.0, 1.0, norm > 1e-6);
    let stride = params.nk_speed * ((1.0 - bias) * params.walk_stride * vec2<f32>(cos(pos.z), sin(pos.z)) + bias * delta * up);
    // Reflected off the edges as a ray is, heading too (act.wgsl, confine_to_domain).
    var q = pos.xy + stride;
    let low = q < vec2<f32>(0.0);
    q = select(q, -q, low);
    let high = q >= size;
    q = select(q, 2.0 * size - q, high);
    var a = pos.z;
    if (low.x != high.x) { a = 3.141592653589793 - a; }
    if (low.y != high.y) { a = -a; }
    pos = vec4<f32>(clamp(q, vec2<f32>(0.0), size * 0.99999), wrap_angle(a), max(pos.w - delta, 0.0));
    if (t.w == 0u && t.y > 0u && pos.w <= 0.0) {
      let victim = touched(pos.xy);
      if (victim != 0u) {
        let prey = victim - 1u;
        let free = body[2u * prey + 1u].x * (1.0 - smac_effect(params, sample_env(body[2u * prey].xy, 0u).y));
        if (u.z < chance(params.nk_kill * nk_protection(params, free), delta)) {
          atomicMax(&killer[prey], i + 1u);
          t.w = victim;
        }
      }
    }
  }
  nk_body[i] = pos;
  nk_tag[i] = t;
}
