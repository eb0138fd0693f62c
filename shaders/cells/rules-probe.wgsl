// Every cell rule of rules.wgsl evaluated on rows of inputs, so tests can hold each against its
// double-precision twin in src/cells/rules.ts (tests/gpu/cell-rules.test.ts). A test's shader:
// src/gpu/shaders.ts does not import it, so the app's bundle leaves it out.
// Bindings: params, rows, out. Dispatch: linearGroups(row count, WG).
//   rows[4r]     = (pO2 mmHg, stress kPa, density, pore µm)
//   rows[4r + 1] = (von Mises kPa, SMAC nM, IAP, motility)
//   rows[4r + 2] = (hazard per minute, dt minutes, baseline of IAP and speed gain, stabilisation
//                   minutes left)
//   rows[4r + 3] = (passage level, unused, unused, unused)
//   out[4r]      = (chance, division_rate, pore_speed, stress_speed)
//   out[4r + 1]  = (smac_effect, IAP after dt with that effect, speed gain after dt, anoikis_rate)
//   out[4r + 2]  = (nk_protection, protected_time over dt, motility_time over dt,
//                   event_time of a hazard rate·dt drawn at u = 0.999·rate)
//   out[4r + 3]  = (squeeze_per_micron, IAP after dt along iap_life, life_protected_time over dt, 0)

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read> rows: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> out: array<vec4<f32>>;

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let r = agent_index(gid, nwg);
  if (4u * r >= arrayLength(&rows)) { return; }
  let a = rows[4u * r];
  let b = rows[4u * r + 1u];
  let c = rows[4u * r + 2u];
  let d = rows[4u * r + 3u];
  let effect = smac_effect(params, b.y);
  out[4u * r] = vec4<f32>(
    chance(c.x, c.y),
    division_rate(params, a.x, a.y, a.z),
    pore_speed(a.w, params.nucleus),
    stress_speed(b.x, params.stress_decay),
  );
  let course = iap_course(b.z, effect, 0.0, c.z, params.iap_relax, params.smac_degradation);
  let life = iap_life(params, b.z, effect, 0.0, c.w, d.x, c.z);
  out[4u * r + 1u] = vec4<f32>(effect, iap_at(course, c.y), motility_at(params, b.w, c.z, 0.0, c.y), anoikis_rate(params, b.z));
  out[4u * r + 2u] = vec4<f32>(
    nk_protection(params, b.z),
    protected_time(course, params.iap_protection, 0.0, c.y),
    motility_time(params, b.w, c.z, 0.0, 0.0, c.y),
    event_time(c.x * c.y, 0.999 * c.x, c.y),
  );
  out[4u * r + 3u] = vec4<f32>(squeeze_per_micron(params, a.w), life_iap_at(life, c.y), life_protected_time(life, params.iap_protection, 0.0, c.y), 0.0);
}
