// What the stress solves have done since the run began, counted like the cells' counters (a
// metrics row holds the totals; the work of one step is the difference of two rows): solves,
// CG iterations, the most in one solve, the last and the worst final ‖r‖/‖f‖, and the solves
// that ran out of iterations above their tolerance (shaders/lib/gate.wgsl); and the iterations of the
// last two solves, which set how many later steps record (src/sim/stress-iterations.ts).
// Bindings: scalars (of the solve just recorded), tally. Dispatch: (1), after each solve.
struct SolveLog {
  solves: f32,
  iterations: f32,
  most_iterations: f32,
  residual: f32,
  worst_residual: f32,
  unconverged: f32,
  previous_iterations: f32,
  last_iterations: f32,
}

@group(0) @binding(0) var<storage, read> s: CgScalars;
@group(0) @binding(1) var<storage, read_write> tally: SolveLog;

// One invocation: a few scalars, once a solve.
@compute @workgroup_size(1)
fn main() {
  tally.solves += 1.0;
  tally.iterations += s.iterations;
  tally.most_iterations = max(tally.most_iterations, s.iterations);
  // A load of zero is solved exactly by u = 0: no residual to scale.
  let relative = select(0.0, sqrt(max(s.rr, 0.0) / s.ff), s.ff > 0.0);
  tally.residual = relative;
  tally.worst_residual = max(tally.worst_residual, relative);
  tally.unconverged += s.open;
  tally.previous_iterations = tally.last_iterations;
  tally.last_iterations = s.iterations;
}
