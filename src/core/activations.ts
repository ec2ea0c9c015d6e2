import type { ActivationName } from './experiment';
import { sigmoid } from './scalar';

/**
 * A hidden activation a = g(u) with its derivative written in terms of the
 * output a (what backpropagation has at hand): g′ = der(a).
 */
export interface Activation {
  name: ActivationName;
  f(u: number): number;
  /** g′(u) from a = g(u). */
  der(a: number): number;
  /** Upper bound of |g′|: 1/4 for the sigmoid, the source of layer-by-layer shrinking. */
  maxDerivative: number;
}

export const ACTIVATION: Record<ActivationName, Activation> = {
  // ReLU′(0) = 0 (MATH.md §5): a > 0 exactly when u > 0.
  relu: { name: 'relu', f: (u) => (u < 0 ? 0 : u), der: (a) => (a > 0 ? 1 : 0), maxDerivative: 1 },
  sigmoid: { name: 'sigmoid', f: sigmoid, der: (a) => a * (1 - a), maxDerivative: 0.25 },
  tanh: { name: 'tanh', f: Math.tanh, der: (a) => 1 - a * a, maxDerivative: 1 },
  linear: { name: 'linear', f: (u) => u, der: () => 1, maxDerivative: 1 },
};

/** Numeric code of an activation, used by the hot loops to avoid closures. */
export const ACTIVATION_CODE: Record<ActivationName, number> = { linear: 0, relu: 1, sigmoid: 2, tanh: 3 };
