// One step of every cancer cell's life, by compartment (science.md "Cells"):
//   tissue:      necrosis under anoxia, anoikis when detached, NK kill (decided by nk.wgsl),
//                intravasation at perfused capillaries (a squeeze), persistent random walk
//                slowed by small pores and von Mises stress, squeeze through pores < d_crit,
//                division (flagged here, placed by scatter.wgsl)
//   held:        attached in culture until its timer runs out, then suspended
//   suspended:   anoikis; leaves the assay alive when the window ends
//   circulating: anoikis and NK in blood for the transit time, then arrest in the lung
//   lung:        anoikis and NK until extravasation, then a metastasis with the seeding chance
// Bindings: params, body, tag, alive, born, killer, ledger, env, census.
// Dispatch: linearGroups(capacity, WG); slots beyond the live count only clear their flags.
override WG: u32 = 64u;

@group(0) @binding(0) var<uniform> params: CellParams;
@group(0) @binding(1) var<storage, read_write> body: array<vec4<f32>>;
@group(0) @binding(2) var<storage, read_write> tag: array<vec4<u32>>;
@group(0) @binding(3) var<storage, read_write> alive: array<u32>;
@group(0) @binding(4) var<storage, read_write> born: array<u32>;
@group(0) @binding(5) var<storage, read> killer: array<u32>;
@group(0) @binding(6) var<storage, read_write> ledger: array<atomic<u32>>;
@group(0) @binding(7) var<storage, read> env: array<vec4<f32>>;
@group(0) @binding(8) var<storage, read> census: array<u32>;

fn count(slot: u32) {
  atomicAdd(&ledger[slot], 1u);
}

fn count_group(group: u32, what: u32) {
  atomicAdd(&ledger[COUNTERS + min(group, GROUPS - 1u) * PER_GROUP + what], 1u);
}

// Reflect off the domain's edges and, in a split assay, off the wall between the wells.
fn confine_to_domain(start: vec2<f32>, to: vec2<f32>) -> vec2<f32> {
  let size = vec2<f32>(f32(params.nx), f32(params.ny)) * params.h;
  var q = to;
  q = select(q, vec2<f32>(-q.x, q.y), q.x < 0.0);
  q = select(q, vec2<f32>(q.x, -q.y), q.y < 0.0);
  q = select(q, vec2<f32>(2.0 * size.x - q.x, q.y), q.x >= size.x);
  q = select(q, vec2<f32>(q.x, 2.0 * size.y - q.y), q.y >= size.y);
  if (params.wall_x > 0.0 && (start.x < params.wall_x) != (q.x < params.wall_x)) {
    q.x = 2.0 * params.wall_x - q.x;
  }
  return clamp(q, vec2<f32>(0.0), size * 0.99999);
}

@compute @workgroup_size(WG)
fn main(@builtin(global_invocation_id) gid: vec3<u32>, @builtin(num_workgroups) nwg: vec3<u32>) {
  let i = agent_index(gid, nwg);
  if (i >= params.capacity) { return; }
  alive[i] = 0u;
  born[i] = 0u;
  if (i >= census[3]) { return; }
  var pos = body[2u * i];
  var bio = body[2u * i + 1u];
  var t = tag[i];
  let dt = params.dt;
  let u = uniform4(params.seed, t.x, params.step, STREAM_ACT);
  let fate = uniform4(params.seed, t.x, params.step, STREAM_FATE);
  let here = sample_env(pos.xy, 0u);
  let site = sample_env(pos.xy, 1u);

  // IAP relaxes to baseline and is degraded by the SMAC mimetic, a loss that outlasts the drug;
  // tissue sees the field, blood and lung the plasma, suspended cells of the dosed groups the
  // culture medium while its pulse lasts.
  var smac = 0.0;
  if (t.y == TISSUE) { smac = here.y; }
  if (t.y == CIRCULATING || t.y == LUNG) { smac = params.plasma_smac; }
  let dosed = (params.medium_groups & (1u << min(t.w, 31u))) != 0u;
  if (t.y == SUSPENDED && dosed && bio.w < params.medium_smac_minutes) { smac = params.medium_smac; }
  let effect = smac_effect(params, smac);
  bio.x = next_iap(params, bio.x, effect);
  // IAP left free of the drug protects (science.md: I_free = I·(1 − E_smac)).
  let free = bio.x * (1.0 - effect);
  bio.y = next_motility(params, bio.y);
  bio.z += dt / 60.0;

  var dies = false;
  if (killer[i] != 0u) {
    dies = true;
    count(C_NK_TISSUE);
    count_group(t.w, G_NK);
  }

  if (!dies && t.y == TISSUE) {
    let necrosis = select(0.0, params.necrosis_rate, here.x < params.necrosis_mmhg);
    let detached = site.z < params.detached_density && site.w < params.detached_ecm;
    let anoikis = select(0.0, anoikis_rate(params, free), detached);
    if (fate.x < chance(necrosis + anoikis, dt)) {
      dies = true;
      if (fate.y * (necrosis + anoikis) < necrosis) { count(C_NECROSIS); } else { count(C_ANOIKIS_TISSUE); count_group(t.w, G_ANOIKIS); }
    } else if (site.y > 0.0 && fate.z < chance(params.intravasation_rate * bio.y * site.y, dt)) {
      // Entering a capillary is a confined passage.
      t.y = CIRCULATING;
      bio = squeezed(params, vec4<f32>(bio.xyz, 0.0));
      t.z += 1u;
      count(C_INTRAVASATIONS);
      count(C_SQUEEZES);
    } else {
      let turn = normal2(u.xy).x * sqrt(2.0 * dt / params.persistence);
      pos.z = wrap_angle(pos.z + turn);
      let pore = pore_at(pos.xy);
      let v = params.speed * bio.y * pore_speed(pore, params.nucleus) * stress_speed(here.w, params.stress_decay);
      let stride = v * dt * (vec2<f32>(cos(pos.z), sin(pos.z)) + vec2<f32>(params.bias_x, params.bias_y));
      let to = confine_to_domain(pos.xy, pos.xy + stride);
      let narrowest = min(pore_at(0.5 * (pos.xy + to)), pore_at(to));
      // Moving through pores narrower than d_crit is confined migration; the hours a passage
      // takes count as one squeeze (the refractory time), not one per step.
      let ready = t.z == 0u || bio.z >= params.squeeze_refractory;
      if (ready && narrowest < params.critical_pore && length(to - pos.xy) > 0.0) {
        bio = squeezed(params, bio);
        t.z += 1u;
        count(C_SQUEEZES);
      }
      pos = vec4<f32>(to, pos.z, pos.w);
      if (params.proliferation != 0u) {
        pos.w += dt * division_rate(params, here.x, here.z, site.z);
        if (pos.w >= 1.0) { born[i] = 1u; }
      }
    }
  } else if (!dies && t.y == HELD) {
    bio.w -= dt;
    if (bio.w <= 0.0) { t.y = SUSPENDED; bio.w = 0.0; }
  } else if (!dies && t.y == SUSPENDED) {
    bio.w += dt;
    if (fate.x < chance(anoikis_rate(params, free), dt)) {
      dies = true;
      count(C_ANOIKIS_SUSPENDED);
      count_group(t.w, G_ANOIKIS);
    } else if (params.window > 0.0 && bio.w >= params.window) {
      dies = true;
      count(C_SURVIVED_WINDOW);
      count_group(t.w, G_SURVIVED);
    }
  } else if (!dies && (t.y == CIRCULATING || t.y == LUNG)) {
    bio.w += dt;
    let anoikis = anoikis_rate(params, free);
    let nk = params.blood_nk_rate * nk_protection(params, free);
    if (fate.x < chance(anoikis + nk, dt)) {
      dies = true;
      if (fate.y * (anoikis + nk) < anoikis) {
        count(select(C_ANOIKIS_LUNG, C_ANOIKIS_BLOOD, t.y == CIRCULATING));
        count_group(t.w, G_ANOIKIS);
      } else {
        count(C_NK_BLOOD);
        count_group(t.w, G_NK);
      }
    } else if (t.y == CIRCULATING && bio.w >= params.transit) {
      t.y = LUNG;
      bio.w = 0.0;
      count(C_ARRESTS);
    } else if (t.y == LUNG && bio.w >= params.lung_time) {
      dies = true;
      count(C_EXTRAVASATED);
      if (fate.z < params.seeding) {
        count(C_METASTASES);
        count_group(t.w, G_METASTASES);
      }
    }
  }

  alive[i] = select(1u, 0u, dies);
  if (dies) { born[i] = 0u; }
  body[2u * i] = pos;
  body[2u * i + 1u] = bio;
  tag[i] = t;
}
