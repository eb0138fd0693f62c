// Scalar steps of preconditioned CG, each one invocation:
//   step_alpha:  α = (r·z)/(p·Kp)  (0 when p·Kp ≤ 0 or not finite: converged, or p·Kp lost to
//                fp32 rounding on a nearly singular operator; the iteration then stops safely),
//                and one more iteration counted
//   step_beta:   β = (r·z)_next/(r·z), r·z ← (r·z)_next  (0 when r·z ≤ 0)
//   restart:     β = 0, so the next direction is p = z
//   record:      history[cursor++] = r·r (up to the history's capacity)
//   rewind:      cursor = 0
// Bindings: params (history capacity), scalars, history. Dispatch: (1).
struct HistoryParams {
  capacity: u32,
}

struct History {
  cursor: u32,
  rr: array<f32>,
}

@group(0) @binding(0) var<uniform> params: HistoryParams;
@group(0) @binding(1) var<storage, read_write> s: CgScalars;
@group(0) @binding(2) var<storage, read_write> history: History;

@compute @workgroup_size(1)
fn step_alpha() {
  s.alpha = select(0.0, s.rz / s.p_kp, s.p_kp > 0.0);
  s.iterations += 1.0;
}

@compute @workgroup_size(1)
fn step_beta() {
  s.beta = select(0.0, s.rz_next / s.rz, s.rz > 0.0);
  s.rz = s.rz_next;
}

@compute @workgroup_size(1)
fn restart() {
  s.beta = 0.0;
}

@compute @workgroup_size(1)
fn record() {
  if (history.cursor < params.capacity) {
    history.rr[history.cursor] = s.rr;
    history.cursor += 1u;
  }
}

@compute @workgroup_size(1)
fn rewind() {
  history.cursor = 0u;
}
