// State of the preconditioned conjugate-gradient solve. It lives on the GPU so the iteration
// never reads back: dot products write into these slots (the TypeScript side finds a slot by
// field name; every field is one f32), and small kernels turn them into α and β.
struct CgScalars {
  // r·z of the current search direction, and after the latest update.
  rz: f32,
  rz_next: f32,
  // p·K p.
  p_kp: f32,
  // r·r, for the residual history.
  rr: f32,
  alpha: f32,
  beta: f32,
  // x·m_k for the three orthonormal rigid-body modes (translations x, y; rotation).
  mode_x: f32,
  mode_y: f32,
  mode_rot: f32,
  // f·f of the load, the scale of a tolerance (shaders/lib/gate.wgsl).
  ff: f32,
  // Iterations this solve has done, and 1 while it goes on (0 once ‖r‖ ≤ τ‖f‖).
  iterations: f32,
  open: f32,
}

// Length of the node vectors a kernel walks (nodes, each a vec2).
struct VectorParams {
  count: u32,
}
