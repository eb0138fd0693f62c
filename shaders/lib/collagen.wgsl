// Collagen density after softening (relative, 1 = normal tissue): the agent depletes the excess
// that was laid down, at most the fraction S_max of it,
//   ECM = 1 + (ECM_0 − 1)·(1 − S_max·S).
// One rule for the modulus (material.wgsl) and the pores (cells/matrix.wgsl).
fn collagen(laid: f32, softening: f32, max_softening: f32) -> f32 {
  return 1.0 + (laid - 1.0) * (1.0 - max_softening * softening);
}
