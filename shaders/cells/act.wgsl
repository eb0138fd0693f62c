// One step of every cancer cell's life, by compartment (README "Model and numerics"). Every rule
// is written in physical times and lengths, so the step dt changes only the integration:
//   tissue:      necrosis under anoxia, anoikis when detached and intravasation within the
//                capture distance of a perfused capillary, as competing hazards integrated
//                exactly over the step (IAP and speed gain follow their exact course within it,
//                toward raised levels in hypoxic tissue when hypoxia's own route is on);
//                an NK kill decided by nk.wgsl; otherwise a persistent random walk in substeps of
//                at most τ_p/8, slowed by small pores and von Mises stress, with the pores read
//                along the path and squeezes through constrictions at a hazard per µm of path
//                graded by pore size (rules.wgsl), at most once per refractory time; division
//                (flagged here, placed by scatter.wgsl). A cell entering the blood is classed
//                primed or unprimed by its IAP then, for the readouts split by priming
//   held:        attached in culture until its timer runs out, then suspended for the rest of the step
//   suspended:   anoikis; leaves the assay alive when the window ends
//   circulating: anoikis and NK in blood for exactly the transit time, then arrest in the lung
//   lung:        anoikis and NK until extravasation, then a metastasis with the seeding chance
// A cell that changes compartment within a step spends the rest of the step in the new one, so
// transit and lung times are exact whatever dt is.
// Bindings: params, body, tag, alive, born, killer, ledger, env, census.
// Dispatch: linearGroups(capacity, WG); slots beyond the live count only clear their flags.

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

// A chance p ∈ [0, 1] added to a 64-bit fixed-point sum: the carry out of the low word goes to the high.
fn add_expected(slot: u32, p: f32) {
  let add = u32(p * EXPECTED_UNIT + 0.5);
  let old = atomicAdd(&ledger[slot], add);
  if (old > 0xffffffffu - add) { atomicAdd(&ledger[slot + 1u], 1u); }
}

fn count_group(group: u32, what: u32) {
  atomicAdd(&ledger[COUNTERS + min(group, GROUPS - 1u) * PER_GROUP + what], 1u);
}

// Reflect off the domain's edges and, in a split assay, off the wall between the wells: the
// position and the heading, as a ray reflects. A heading kept as it was would carry a persistent
// walker back into the edge at its next move and hold it there for about τ_p, so that edges
// would gather cells. Returns (x, y, heading).
fn confine_to_domain(start: vec2<f32>, to: vec2<f32>, heading: f32) -> vec3<f32> {
  let size = vec2<f32>(f32(params.nx), f32(params.ny)) * params.h;
  var q = to;
  var flip_x = false;
  var flip_y = false;
  if (q.x < 0.0) { q.x = -q.x; flip_x = !flip_x; }
  if (q.y < 0.0) { q.y = -q.y; flip_y = !flip_y; }
  if (q.x >= size.x) { q.x = 2.0 * size.x - q.x; flip_x = !flip_x; }
  if (q.y >= size.y) { q.y = 2.0 * size.y - q.y; flip_y = !flip_y; }
  if (params.wall_x > 0.0 && (start.x < params.wall_x) != (q.x < params.wall_x)) {
    q.x = 2.0 * params.wall_x - q.x;
    flip_x = !flip_x;
  }
  var a = heading;
  if (flip_x) { a = 3.141592653589793 - a; }
  if (flip_y) { a = -a; }
  return vec3<f32>(clamp(q, vec2<f32>(0.0), size * 0.99999), wrap_angle(a));
}

// The SMAC mimetic a cell sees: the field in tissue, the plasma in blood and lung, the culture
// medium while its pulse lasts for suspended cells of the dosed groups.
fn smac_seen(compartment: u32, group: u32, timer: f32, field: f32) -> f32 {
  if (compartment == TISSUE) { return field; }
  if (compartment == CIRCULATING || compartment == LUNG) { return params.plasma_smac; }
  let dosed = (params.medium_groups & (1u << min(group, 31u))) != 0u;
  if (compartment == SUSPENDED && dosed && timer < params.medium_smac_minutes) { return params.medium_smac; }
  return 0.0;
}

// The level IAP and the speed gain relax to: 1, or in hypoxic tissue the hypoxic levels
// (hypoxia's own route; both 1, off, by default). Held over the step like the SMAC mimetic.
fn baselines(compartment: u32, po2: f32) -> vec2<f32> {
  let hypoxic = compartment == TISSUE && po2 < params.hypoxia_mmhg;
  return select(vec2<f32>(1.0), vec2<f32>(params.hypoxic_iap, params.hypoxic_motility), hypoxic);
}

// A cell's IAP (its two phases, iap_life) and speed gain m through the step, each from its anchor
// time (minutes into the step), the levels they relax to, and the stabilisation clock: minutes
// since the last squeeze, aged by the SMAC mimetic, `clock` at time `clock_at`. The clock also
// times the refractory period.
struct Life {
  iap: IapLife,
  iap_base: f32,
  m: f32,
  m_anchor: f32,
  m_base: f32,
  clock: f32,
  clock_at: f32,
}

// The level a held IAP rises to: the passage level, or the hypoxic baseline if that is higher, so
// a squeeze never lowers IAP.
fn held_level(passages: u32, base: f32) -> f32 {
  return max(passage_level(params, passages), base);
}

fn clock_at(l: Life, t: f32) -> f32 {
  return l.clock + (1.0 + params.smac_hold_ageing * l.iap.held.effect) * (t - l.clock_at);
}

// The life from time `at` on, with I and the clock at their values then, in the compartment and
// drug the tag and timer give: called at the start and whenever either changes.
fn life_from(t: vec4<u32>, timer: f32, field: f32, iap: f32, clock: f32, at: f32, base: vec2<f32>, m: f32, m_anchor: f32) -> Life {
  let effect = smac_effect(params, smac_seen(t.y, t.w, timer, field));
  let hold = select(0.0, params.iap_hold - clock, t.z > 0u);
  let iap_life = iap_life(params, iap, effect, at, hold, held_level(t.z, base.x), base.x);
  return Life(iap_life, base.x, m, m_anchor, base.y, clock, at);
}

// The same cell moved at time `at` into the compartment and drug the tag and timer now give, with
// baselines 1.
fn moved(l: Life, t: vec4<u32>, timer: f32, at: f32) -> Life {
  let m = motility_at(params, l.m, l.m_base, l.m_anchor, at);
  return life_from(t, timer, 0.0, life_iap_at(l.iap, at), clock_at(l, at), at, vec2<f32>(1.0), m, at);
}

// A confined passage at time `at` (t.z already counts it): the speed gain rises at once, IAP
// starts its rise toward the passage level, and the clock restarts.
fn squeeze_at(l: Life, t: vec4<u32>, at: f32) -> Life {
  let m = squeezed_motility(params, motility_at(params, l.m, l.m_base, l.m_anchor, at));
  var next = l;
  next.iap = iap_life(params, life_iap_at(l.iap, at), l.iap.held.effect, at, params.iap_hold, held_level(t.z, l.iap_base), l.iap_base);
  next.m = m;
  next.m_anchor = at;
  next.clock = 0.0;
  next.clock_at = at;
  return next;
}

// A cell may squeeze again once the refractory time has passed on its clock since its last squeeze.
fn ready(passages: u32, clock_minutes: f32) -> bool {
  return passages == 0u || clock_minutes >= params.squeeze_refractory * 60.0;
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
  let fate = uniform4(params.seed, t.x, params.step, STREAM_FATE);
  let here = sample_env(pos.xy, 0u);
  let site = sample_env(pos.xy, 1u);

  // IAP and the speed gain follow their exact course through the step; a squeeze restarts it.
  var life = life_from(t, bio.w, here.y, bio.x, bio.z * 60.0, 0.0, baselines(t.y, here.x), bio.y, 0.0);
  // Minutes into the step from which the cell is in its present compartment.
  var now = 0.0;

  var dies = false;
  if (killer[i] != 0u) {
    dies = true;
    count(C_NK_TISSUE);
    count_group(t.w, G_NK);
  }

  if (!dies && t.y == TISSUE) {
    let necrosis = select(0.0, params.necrosis_rate, here.x < params.necrosis_mmhg) * dt;
    let detached = site.z < params.detached_density && site.w < params.detached_ecm;
    let anoikis = select(0.0, params.anoikis_rate * life_protected_time(life.iap, params.iap_protection, 0.0, dt), detached);
    let entry = params.intravasation_rate * site.y * motility_time(params, life.m, life.m_base, life.m_anchor, 0.0, dt);
    let total = necrosis + anoikis + entry;
    // The count of intravasations carries the draw's noise; its expectation does not, so the rate
    // converges in h and dt visibly with few cells (src/verify/model-convergence.ts).
    if (entry > 0.0) { add_expected(C_EXPECTED_INTRAVASATIONS, chance(total, 1.0) * entry / total); }
    if (fate.x < chance(total, 1.0)) {
      let which = fate.y * total;
      if (which < necrosis) {
        dies = true;
        count(C_NECROSIS);
      } else if (which < necrosis + anoikis) {
        dies = true;
        count(C_ANOIKIS_TISSUE);
        count_group(t.w, G_ANOIKIS);
      } else {
        now = event_time(total, fate.z, dt);
        // Entering a capillary is a confined passage only with the intravasation_primes switch.
        if (params.intravasation_primes != 0u && ready(t.z, clock_at(life, now))) {
          t.z += 1u;
          life = squeeze_at(life, t, now);
          count(C_SQUEEZES);
        }
        let primed = life_iap_at(life.iap, now) >= params.primed_iap;
        t.y = CIRCULATING;
        bio.w = 0.0;
        pos.w = select(0.0, 1.0, primed);
        // Out of the tissue, both relax to 1: what hypoxia raised is a memory now.
        life = moved(life, t, 0.0, now);
        count(C_INTRAVASATIONS);
        if (primed) { count(C_INTRAVASATIONS_PRIMED); }
        // Its chance to survive the whole circulation, with the plasma drug held at today's
        // level: circulation survival without the draws' counting noise.
        let circulation = params.transit + params.lung_time;
        let hazard = params.anoikis_rate * life_protected_time(life.iap, params.iap_protection, now, now + circulation)
          + params.blood_nk_rate * life_protected_time(life.iap, params.nk_protection, now, now + circulation);
        add_expected(C_EXPECTED_EXTRAVASATIONS, exp(-hazard));
      }
    } else {
      let delta = params.walk_substep;
      var normals = vec4<f32>(0.0);
      var squeeze_draws = vec4<f32>(0.0);
      for (var k = 0u; k < params.walk_steps; k++) {
        if (k % 4u == 0u) {
          let u = uniform4(params.seed, t.x, params.step * 16u + k / 4u, STREAM_WALK);
          normals = vec4<f32>(normal2(u.xy), normal2(u.zw));
          squeeze_draws = uniform4(params.seed, t.x, params.step * 16u + k / 4u, STREAM_SQUEEZE);
        }
        pos.z = wrap_angle(pos.z + normals[k % 4u] * params.walk_turn);
        let mid = (f32(k) + 0.5) * delta;
        let m = motility_at(params, life.m, life.m_base, life.m_anchor, mid);
        let pore = pore_at(pos.xy);
        let v = params.speed * m * pore_speed(pore, params.nucleus) * stress_speed(sample_env(pos.xy, 0u).w, params.stress_decay);
        let stride = v * (params.walk_stride * vec2<f32>(cos(pos.z), sin(pos.z)) + delta * vec2<f32>(params.bias_x, params.bias_y));
        let to = confine_to_domain(pos.xy, pos.xy + stride, pos.z);
        let end = f32(k + 1u) * delta;
        // The hazard is read where the move starts, as its speed is, over the path walked (a
        // reflection off an edge folds the path, it does not shorten it); the hours a passage
        // takes count as one squeeze (the refractory time).
        let squeeze_chance = 1.0 - exp(-squeeze_per_micron(params, pore) * length(stride));
        if (ready(t.z, clock_at(life, end)) && squeeze_draws[k % 4u] < squeeze_chance) {
          t.z += 1u;
          life = squeeze_at(life, t, end);
          count(C_SQUEEZES);
        }
        pos = vec4<f32>(to, pos.w);
      }
      if (params.proliferation != 0u) {
        pos.w += dt * division_rate(params, here.x, here.z, site.z);
        if (pos.w >= 1.0) { born[i] = 1u; }
      }
      now = dt;
    }
  }

  if (!dies && t.y == HELD) {
    if (bio.w > dt) {
      bio.w -= dt;
      now = dt;
    } else {
      now = max(bio.w, 0.0);
      t.y = SUSPENDED;
      bio.w = 0.0;
      life = moved(life, t, 0.0, now);
    }
  }

  if (!dies && t.y == SUSPENDED && now < dt) {
    var len = dt - now;
    let leaves = params.window > 0.0 && params.window - bio.w <= len;
    if (leaves) { len = max(params.window - bio.w, 0.0); }
    let hazard = params.anoikis_rate * life_protected_time(life.iap, params.iap_protection, now, now + len);
    let draw = uniform4(params.seed, t.x, params.step * 4u, STREAM_SEGMENT);
    if (draw.x < chance(hazard, 1.0)) {
      dies = true;
      count(C_ANOIKIS_SUSPENDED);
      count_group(t.w, G_ANOIKIS);
    } else if (leaves) {
      dies = true;
      count(C_SURVIVED_WINDOW);
      count_group(t.w, G_SURVIVED);
    } else {
      bio.w += len;
      now = dt;
    }
  }

  // Blood, then the lung, then extravasation: at most three timed segments in one step.
  for (var k = 0u; k < 3u; k++) {
    if (dies || now >= dt || (t.y != CIRCULATING && t.y != LUNG)) { break; }
    let limit = select(params.lung_time, params.transit, t.y == CIRCULATING);
    var len = dt - now;
    let ends = limit - bio.w <= len;
    if (ends) { len = max(limit - bio.w, 0.0); }
    let anoikis = params.anoikis_rate * life_protected_time(life.iap, params.iap_protection, now, now + len);
    let nk = params.blood_nk_rate * life_protected_time(life.iap, params.nk_protection, now, now + len);
    let draw = uniform4(params.seed, t.x, params.step * 4u + 1u + k, STREAM_SEGMENT);
    if (draw.x < chance(anoikis + nk, 1.0)) {
      dies = true;
      if (draw.y * (anoikis + nk) < anoikis) {
        count(select(C_ANOIKIS_LUNG, C_ANOIKIS_BLOOD, t.y == CIRCULATING));
        count_group(t.w, G_ANOIKIS);
      } else {
        count(C_NK_BLOOD);
        count_group(t.w, G_NK);
      }
    } else if (!ends) {
      bio.w += len;
      now = dt;
    } else if (t.y == CIRCULATING) {
      t.y = LUNG;
      bio.w = 0.0;
      now += len;
      count(C_ARRESTS);
    } else {
      dies = true;
      let primed = pos.w >= 0.5;
      count(C_EXTRAVASATED);
      if (primed) { count(C_EXTRAVASATED_PRIMED); }
      if (draw.z < params.seeding) {
        count(C_METASTASES);
        count_group(t.w, G_METASTASES);
        if (primed) { count(C_METASTASES_PRIMED); }
      }
    }
  }

  bio.x = life_iap_at(life.iap, dt);
  bio.y = motility_at(params, life.m, life.m_base, life.m_anchor, dt);
  bio.z = clock_at(life, dt) / 60.0;
  alive[i] = select(1u, 0u, dies);
  if (dies) { born[i] = 0u; }
  body[2u * i] = pos;
  body[2u * i + 1u] = bio;
  tag[i] = t;
}
