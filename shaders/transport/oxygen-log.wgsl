// What the oxygen solves have done since the run began, counted like the stress solves' log
// (a metrics row holds the totals; the work of one step is the difference of two rows): solves,
// V-cycles run, the last and the worst final ‖r‖/‖f‖, the solves that ran out of cycles above
// their tolerance (transport/oxygen.ts), and the cycles of the last two solves (the step after
// next records as many, sim/solve-planner.ts). A solve that does not stop at its tolerance runs
// every cycle it records and is never counted unconverged.
// Bindings: params, scalars (NEWTON_SLOTS of the solve just recorded), tally. Dispatch: (1), after each solve.
struct OxygenLogParams {
  // V-cycles the solve recorded (Newton steps × cycles), and 1 where the gate checked them.
  cycles: u32,
  checked: u32,
}

struct OxygenLog {
  solves: f32,
  cycles: f32,
  residual: f32,
  worst_residual: f32,
  unconverged: f32,
  previous_cycles: f32,
  last_cycles: f32,
}

@group(0) @binding(0) var<uniform> params: OxygenLogParams;
@group(0) @binding(1) var<storage, read> s: array<f32>;
@group(0) @binding(2) var<storage, read_write> tally: OxygenLog;

// One invocation: a few scalars, once a solve.
@compute @workgroup_size(1)
fn main() {
  let recorded = f32(params.cycles);
  // s: r·r, f·f, open, checks above τ.
  let above = s[3];
  let checked = params.checked != 0u;
  tally.solves += 1.0;
  let cycles = select(recorded, min(recorded, 1.0 + above), checked);
  tally.cycles += cycles;
  tally.previous_cycles = tally.last_cycles;
  tally.last_cycles = cycles;
  let relative = select(0.0, sqrt(max(s[0], 0.0) / s[1]), s[1] > 0.0);
  tally.residual = relative;
  tally.worst_residual = max(tally.worst_residual, relative);
  tally.unconverged += select(0.0, 1.0, checked && above >= recorded);
}
