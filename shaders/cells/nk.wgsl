// NK cells patrol and kill (README "Cells"): a persistent random walk at their own speed in the
// same substeps as the cancer cells' walk (act.wgsl), drawn up the tumour-cell density gradient;
// after each substep an NK cell with kills left and no refractory time left may attack the one
// cell exposed in its grid cell (deposit.wgsl), with the chance over the substep of a kill hazard
// k·P_contact/(1 + β·max(I − 1, 0)). P_contact = 1 − exp(−n·π·r_c²) is the chance that a tumour
// cell lies within the contact distance r_c, n the local number of tumour cells per µm²: the
// hazard is a property of the tissue, not of the grid cell. At most one attack a step; when
// several attack the same cell, the highest NK index wins: a deterministic choice.
// Storage per NK: nk_body[i] = (x µm, y µm, heading, refractory minutes left);
// nk_tag[i] = (id, kills left, kills made, 1 + victim index or 0).
// Bindings: params, nk_body, nk_tag, env, contact, killer, body, census.
// Dispatch: linearGroups(nk count, WG).
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read_write> nk_body: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> nk_tag: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read> env: array<vec4<f32>>;
@group(0) @binding(4) var<storage, read> contact: array<u32>;
@group(0) @binding(5) var<storage, read_write> killer: array<atomic<u32>>;
@group(0) @binding(6) var<storage, read> body: array<vec4<f32>>;
@group(0) @binding(7) var<storage, read> census: array<u32>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = agent_index(gid, nwg);
  if (i >= params.nk_count) { return; }
  var pos = nk_body[i];
  var t = nk_tag[i];
  let size = vec2<f32>(f32(params.nx), f32(params.ny)) * params.h;
  let e = vec2<f32>(params.h, 0.0);
  let delta = params.walk_substep;
  let reach = 3.141592653589793 * params.nk_contact * params.nk_contact / (params.h * params.h);
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
    var q = pos.xy + stride;
    q = select(q, -q, q < vec2<f32>(0.0));
    q = select(q, 2.0 * size - q, q >= size);
    pos = vec4<f32>(clamp(q, vec2<f32>(0.0), size * 0.99999), pos.z, max(pos.w - delta, 0.0));
    if (t.w == 0u && t.y > 0u && pos.w <= 0.0) {
      let c = cell_at(pos.xy);
      let victim = contact[3u * c + 2u];
      if (victim != 0u && victim - 1u < census[3]) {
        let prey = victim - 1u;
        let nearby = 1.0 - exp(-f32(contact[3u * c]) / 65536.0 * reach);
        let free = body[2u * prey + 1u].x * (1.0 - smac_effect(params, sample_env(body[2u * prey].xy, 0u).y));
        if (u.z < chance(params.nk_kill * nearby * nk_protection(params, free), delta)) {
          atomicMax(&killer[prey], i + 1u);
          t.w = victim;
        }
      }
    }
  }
  nk_body[i] = pos;
  nk_tag[i] = t;
}
