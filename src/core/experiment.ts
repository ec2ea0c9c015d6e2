/**
 * The experiment file (`*.sigmoidlab.json`, schema version 1): the whole state of
 * a simulation in one serialisable object. Other tools read and write these
 * files, so this shape is kept stable.
 */

/** Output units of MATH.md §2: ŷ = f(z). */
export const OUTPUT_UNITS = ['linear', 'clipped', 'sigmoid', 'softmax'] as const;
export type OutputUnitName = (typeof OUTPUT_UNITS)[number];

/** Trainable losses of MATH.md §3 (zero-one is a metric only). */
export const LOSSES = ['nll', 'mse'] as const;
export type LossName = (typeof LOSSES)[number];

/**
 * An output unit typed as a formula in z (issue 19): ŷ = f(z), meant to lie in
 * [0, 1], for binary classification (classes must be 2).
 */
export interface FormulaUnitSpec {
  name: string;
  f: string;
}

/** A loss typed as a formula in p (= ŷ) and y ∈ {0, 1}, which may also read z. */
export interface FormulaLossSpec {
  name: string;
  L: string;
}

/** `model.output` in a file: a built-in unit's name or a formula. */
export type OutputSpec = OutputUnitName | FormulaUnitSpec;
/** `loss` in a file: a built-in loss's name or a formula. */
export type LossSpec = LossName | FormulaLossSpec;

/** Hidden-layer activations. */
export const ACTIVATIONS = ['relu', 'sigmoid', 'tanh', 'linear'] as const;
export type ActivationName = (typeof ACTIVATIONS)[number];

export const GENERATED_DATA = ['line', 'blobs', 'xor', 'circles', 'moons', 'spiral'] as const;
export type GeneratedDataKind = (typeof GENERATED_DATA)[number];
export const DATA_KINDS = [...GENERATED_DATA, 'points', 'table'] as const;

export const INIT_KINDS = ['xavier', 'he', 'zeros', 'explicit'] as const;

/** Explicit data: x[i] is example i's input (all of one length), y[i] its label in 0..classes−1. */
export interface PointsData {
  kind: 'points';
  x: number[][];
  y: number[];
}

/** A seeded generator; `classes` is read by `blobs` only (the others have 2 classes). */
export interface GeneratedData {
  kind: GeneratedDataKind;
  n: number;
  noise?: number;
  classes?: number;
}

/** A table cell: a number, a string, or null where the value is missing. */
export type Cell = number | string | null;

/** Tables shipped with the app (src/core/data, with their sources and licences). */
export const BUILTIN_TABLES = ['iris', 'penguins'] as const;
export type BuiltinTableName = (typeof BUILTIN_TABLES)[number];

/**
 * Measurements with named columns: a built-in table (`dataset`) or one given here
 * (`columns` and `rows`, e.g. an imported CSV file). The inputs are the `features`
 * columns; class c is every row whose `label` cell is one of `classes[c]`. Rows with a
 * missing feature or label, or a label in no class, are left out (and counted).
 */
export interface TableData {
  kind: 'table';
  dataset?: BuiltinTableName;
  columns?: string[];
  rows?: Cell[][];
  features: string[];
  label: string;
  classes: string[][];
  /** Each input shifted and scaled to mean 0 and standard deviation 1 over the rows used. */
  standardize?: boolean;
}

export type DataSpec = PointsData | GeneratedData | TableData;

export interface ModelSpec {
  /** Widths of the hidden layers, input side first; [] for no hidden layer (h = x). */
  hidden: number[];
  activation: ActivationName;
  output: OutputSpec;
  /** Number of classes; must be 2 for the scalar units (linear, clipped, sigmoid, formulas). */
  classes: number;
}

export interface OptimizerSpec {
  /** Step size α. */
  learningRate: number;
  /** μ of PyTorch's SGD: v ← μv + g, θ ← θ − αv. */
  momentum: number;
  /** Examples per step; 0 = the full training set. */
  batchSize: number;
}

/** One weight layer, stored W[out][in]; z = W·h + b. */
export interface LayerParams {
  W: number[][];
  b: number[];
}

export type InitSpec = { kind: 'xavier' | 'he' | 'zeros' } | { kind: 'explicit'; layers: LayerParams[] };

/** A variant overrides a few fields of the experiment; everything else (data, start) is shared. */
export interface VariantSpec {
  name?: string;
  /** Its colour in every panel, '#rrggbb' (default: VARIANT_COLORS by position). */
  color?: string;
  model?: Partial<Pick<ModelSpec, 'output' | 'activation'>>;
  loss?: LossSpec;
  optimizer?: Partial<OptimizerSpec>;
}

export interface Experiment {
  version: 1;
  seed: number;
  data: DataSpec;
  model: ModelSpec;
  loss: LossSpec;
  optimizer: OptimizerSpec;
  init: InitSpec;
  steps: number;
  variants?: VariantSpec[];
}

/** One fully resolved variant: what a single training run needs. */
export interface ResolvedVariant {
  name: string;
  color: string;
  model: ModelSpec;
  loss: LossSpec;
  optimizer: OptimizerSpec;
}

/** Limits enforced by the validator (and quoted in its messages). */
export const LIMITS = {
  maxHiddenLayers: 4,
  maxHiddenWidth: 64,
  maxClasses: 16,
  maxInputDims: 64,
  /** Columns of a table (the inputs are chosen among them). */
  maxTableColumns: 256,
  maxExamples: 20_000,
  maxSteps: 100_000,
  maxVariants: 4,
  maxNoise: 10,
  maxLearningRate: 1e6,
  maxNameLength: 80,
  /** (steps + 1) × parameters × 3 (θ, ∂J/∂θ, momentum) float64 values of history: 512 MiB. */
  maxHistoryValues: 64 * 1024 * 1024,
  maxSeed: 2 ** 32 - 1,
} as const;

/** Variants' colours by position when a file names none: distinct from the class colours. */
export const VARIANT_COLORS = ['#d64545', '#8a63d2', '#1a9e77', '#2f7de1'] as const;

export function isFormulaUnit(o: OutputSpec): o is FormulaUnitSpec {
  return typeof o === 'object' && o !== null;
}

export function isFormulaLoss(l: LossSpec): l is FormulaLossSpec {
  return typeof l === 'object' && l !== null;
}

/** A unit as people read it: its name, or a typed unit's own name. */
export function unitLabel(o: OutputSpec): string {
  return isFormulaUnit(o) ? o.name : o;
}
