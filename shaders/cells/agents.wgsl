// Shared by every agent kernel: the agents' storage layout, the compartments, the step's
// parameters and bilinear sampling of the environment grid.
// Storage (structure of arrays, one slot per agent):
//   body[2i]     = (x µm, y µm, heading rad, cell-cycle progress 0–1 in tissue; in blood and
//                   lung, 1 if the cell was primed when it entered the blood, else 0)
//   body[2i + 1] = (IAP level I (1 = baseline), speed factor m, hours since the last squeeze,
//                   compartment timer in minutes)
//   tag[i]       = (id, compartment, confined passages, group)
// Environment grid, two vec4 per grid cell c:
//   env[2c]     = (pO2 mmHg, SMAC mimetic nM, compressive mean stress p_s kPa, von Mises kPa)
//   env[2c + 1] = (pore diameter µm, perfusion φ at a capillary (0: none), cell density, ECM)
// census = (survivors, births, next id, live count) after the last compaction.
const TISSUE: u32 = 0u;
const SUSPENDED: u32 = 1u;
const CIRCULATING: u32 = 2u;
const LUNG: u32 = 3u;
const HELD: u32 = 4u;

const STREAM_FATE: u32 = 12u;
const STREAM_EXPOSE: u32 = 13u;
const STREAM_NK: u32 = 14u;
const STREAM_BIRTH: u32 = 15u;
const STREAM_WALK: u32 = 16u;
const STREAM_SEGMENT: u32 = 17u;
const STREAM_SQUEEZE: u32 = 18u;

// Cumulative counters at the start of the ledger (src/cells/ledger.ts names them).
const C_NECROSIS: u32 = 0u;
const C_ANOIKIS_TISSUE: u32 = 1u;
const C_ANOIKIS_SUSPENDED: u32 = 2u;
const C_ANOIKIS_BLOOD: u32 = 3u;
const C_ANOIKIS_LUNG: u32 = 4u;
const C_NK_TISSUE: u32 = 5u;
const C_NK_BLOOD: u32 = 6u;
const C_SQUEEZES: u32 = 7u;
const C_INTRAVASATIONS: u32 = 8u;
const C_ARRESTS: u32 = 9u;
const C_METASTASES: u32 = 10u;
const C_DIVISIONS: u32 = 11u;
const C_DEFERRED: u32 = 12u;
const C_SURVIVED_WINDOW: u32 = 13u;
const C_EXTRAVASATED: u32 = 14u;
// The same three counts for the cells that were primed (I ≥ primed_iap) when they entered the blood.
const C_INTRAVASATIONS_PRIMED: u32 = 15u;
const C_EXTRAVASATED_PRIMED: u32 = 16u;
const C_METASTASES_PRIMED: u32 = 17u;
// The expected number of intravasations, Σ over cells and steps of each cell's chance to enter a
// capillary that step, in 64-bit fixed point (low word, then high word) of EXPECTED_UNIT.
const C_EXPECTED_INTRAVASATIONS: u32 = 18u;
const EXPECTED_UNIT: f32 = 1048576.0;
const COUNTERS: u32 = 20u;
// Then per group: NK kills, anoikis deaths, survivors of the assay window, metastases.
const G_NK: u32 = 0u;
const G_ANOIKIS: u32 = 1u;
const G_SURVIVED: u32 = 2u;
const G_METASTASES: u32 = 3u;
const PER_GROUP: u32 = 4u;
const GROUPS: u32 = 32u;
// After the groups' tallies: the expected extravasations, Σ over the cells that entered the blood
// of each one's chance, at entry, to survive blood and lung (64-bit fixed point, as above).
const C_EXPECTED_EXTRAVASATIONS: u32 = 148u;

struct CellParams {
  nx: u32,
  ny: u32,
  h: f32,
  capacity: u32,
  seed: u32,
  step: u32,
  dt: f32,
  proliferation: u32,
  division_rate: f32,
  hypoxia_mmhg: f32,
  arrest_kpa: f32,
  necrosis_mmhg: f32,
  necrosis_rate: f32,
  speed: f32,
  persistence: f32,
  stress_decay: f32,
  nucleus: f32,
  critical_pore: f32,
  iap_factor: f32,
  squeeze_refractory: f32,
  motility_factor: f32,
  iap_relax: f32,
  anoikis_rate: f32,
  iap_protection: f32,
  detached_density: f32,
  detached_ecm: f32,
  intravasation_rate: f32,
  smac_ic50: f32,
  smac_hill: f32,
  smac_degradation: f32,
  plasma_smac: f32,
  medium_smac: f32,
  medium_smac_minutes: f32,
  medium_groups: u32,
  nk_kill: f32,
  nk_protection: f32,
  nk_speed: f32,
  nk_bias: f32,
  nk_refractory: f32,
  nk_contact: f32,
  blood_nk_rate: f32,
  transit: f32,
  lung_time: f32,
  seeding: f32,
  window: f32,
  bias_x: f32,
  bias_y: f32,
  wall_x: f32,
  nk_count: u32,
  hypoxia_readout: f32,
  primed_iap: f32,
  walk_steps: u32,
  walk_substep: f32,
  walk_stride: f32,
  walk_turn: f32,
  intravasation_primes: u32,
  hypoxic_iap: f32,
  hypoxic_motility: f32,
  squeeze_steepness: f32,
  constriction_spacing: f32,
  max_passages: f32,
  iap_rise: f32,
  iap_hold: f32,
  smac_hold_ageing: f32,
}

fn cell_at(p: vec2<f32>) -> u32 {
  let i = u32(clamp(floor(p.x / params.h), 0.0, f32(params.nx - 1u)));
  let j = u32(clamp(floor(p.y / params.h), 0.0, f32(params.ny - 1u)));
  return j * params.nx + i;
}

// Invocations a workgroup of every agent kernel (src/gpu/workgroup.ts).
override WG: u32;

// An agent's slot in a linearGroups dispatch (src/gpu/kernel.ts), which folds into rows past 65535 workgroups.
fn agent_index(gid: vec3<u32>, nwg: vec3<u32>) -> u32 {
  return gid.x + gid.y * nwg.x * WG;
}

// Standard normal pair from two uniforms (Box–Muller); 1 − u keeps the log finite, and the
// angle stays in [−π, π) where cos and sin keep their promised accuracy.
fn normal2(u: vec2<f32>) -> vec2<f32> {
  let r = sqrt(-2.0 * log(1.0 - u.x));
  let a = 3.141592653589793 * (2.0 * u.y - 1.0);
  return vec2<f32>(r * cos(a), r * sin(a));
}

// The ledger after the cumulative counters: one metrics sample, cleared before each.
const SAMPLE: u32 = 152u;          // per group: tissue, suspended, circulating, lung, held,
const PER_GROUP_SAMPLE: u32 = 8u;  //   primed, Σ I·256, hypoxic
const GLOBAL: u32 = 408u;          // Σ SMAC effect·1024 (tissue), ever squeezed (tissue), NK kills 0…5+
const HISTOGRAM: u32 = 424u;       // 64 bins of p_s over tumour grid cells, 0.25 kPa each
const ROWS: u32 = 488u;            // per grid row ROW_SUMS f32 (metrics-grid.wgsl)
const ROW_SUMS: u32 = 10u;
