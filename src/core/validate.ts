/**
 * The experiment validator: reads untrusted JSON, reports every problem with its
 * path and the allowed values or limits, and returns a normalised deep copy with
 * the defaults filled in. Nothing is ever clamped silently.
 */
import { EN, type Translate } from '../i18n';
import { exampleCount, inputDims } from './datasets';
import {
  ACTIVATIONS,
  type DataSpec,
  DATA_KINDS,
  type Experiment,
  INIT_KINDS,
  type InitSpec,
  LIMITS,
  LOSSES,
  type LossSpec,
  type ModelSpec,
  type OptimizerSpec,
  OUTPUT_UNITS,
  type OutputSpec,
  type VariantSpec,
  unitLabel,
} from './experiment';
import { compileLoss, compileUnit } from './formula';
import { TABLE_FIELDS, tableProblems } from './table';
import { headProblem, outputWidth, unitOf } from './units';
import { layerSizes } from './variants';

export type ValidationResult = { ok: true; experiment: Experiment } | { ok: false; errors: string[] };

/** Per-element problems reported for one array before the rest are counted. */
const MAX_ELEMENT_ERRORS = 10;

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** How many characters of a value the messages quote. */
const SHOWN = 40;

/**
 * A value as the messages quote it: JSON, shortened to SHOWN characters, with
 * non-finite numbers written as JavaScript does (Infinity, -Infinity, NaN). It
 * never throws and never recurses: any depth, BigInt, Symbol, functions,
 * cycles, sparse arrays and objects without a prototype are all written out.
 */
export function show(v: unknown, t: Translate = EN): string {
  if (v === undefined) return t('v.nothing');
  let out = '';
  // Each item is a value to write or a piece of text; an explicit stack keeps deep values off the call stack.
  const stack: { text?: string; value?: unknown }[] = [{ value: v }];
  const seen = new Set<unknown>();
  while (stack.length > 0 && out.length <= SHOWN) {
    const item = stack.pop()!;
    if (item.text !== undefined) {
      out += item.text;
      continue;
    }
    const x = item.value;
    if (typeof x === 'number') out += Number.isFinite(x) ? JSON.stringify(x) : String(x);
    else if (typeof x === 'string') out += JSON.stringify(x.length > SHOWN ? x.slice(0, SHOWN + 1) : x);
    else if (typeof x === 'boolean' || x === null) out += String(x);
    else if (typeof x === 'bigint') out += `${x.toString()}n`;
    else if (typeof x === 'symbol')
      out += x.description === undefined ? 'Symbol()' : `Symbol(${x.description})`;
    else if (x === undefined) out += 'undefined';
    else if (typeof x === 'function') out += 'function';
    else if (seen.has(x)) out += '…';
    else if (Array.isArray(x)) {
      seen.add(x);
      const parts: { text?: string; value?: unknown }[] = [{ text: '[' }];
      // Only as many elements as can be shown are read.
      for (let i = 0; i < x.length && i <= SHOWN; i++) {
        if (i > 0) parts.push({ text: ',' });
        parts.push(i in x ? { value: x[i] as unknown } : { text: '<empty>' });
      }
      parts.push({ text: ']' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    } else {
      seen.add(x);
      const parts: { text?: string; value?: unknown }[] = [{ text: '{' }];
      const keys = Object.keys(x);
      for (let i = 0; i < keys.length && i <= SHOWN; i++) {
        if (i > 0) parts.push({ text: ',' });
        parts.push({ text: `${JSON.stringify(keys[i].slice(0, SHOWN + 1))}:` });
        parts.push({ value: (x as Obj)[keys[i]] });
      }
      parts.push({ text: '}' });
      for (let i = parts.length - 1; i >= 0; i--) stack.push(parts[i]);
    }
  }
  return out.length > SHOWN || stack.length > 0 ? `${out.slice(0, SHOWN - 3)}...` : out;
}

/** The text of an experiment file as JSON: a UTF-8 byte-order mark at the start is ignored. */
export function parseExperimentJson(text: string): unknown {
  return JSON.parse(text.charCodeAt(0) === 0xfeff ? text.slice(1) : text);
}

interface NumRule {
  integer?: boolean;
  min: number;
  max: number;
  /** Exclusive bounds. */
  above?: boolean;
  below?: boolean;
}

function describe(r: NumRule, t: Translate): string {
  if (r.integer) return t('v.integer', { min: r.min, max: r.max });
  const lo = r.above ? `> ${r.min}` : `≥ ${r.min}`;
  const hi = r.below ? `< ${r.max}` : `≤ ${r.max}`;
  return t('v.finite', { lo, hi });
}

/** Every element a finite number (a hole in a sparse array is not one). */
function allFinite(a: unknown[]): boolean {
  for (let i = 0; i < a.length; i++) {
    const v: unknown = a[i];
    if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  }
  return true;
}

/** A copy with −0 written as 0 (as a JSON round trip gives it). */
function copyNumbers(a: readonly number[]): number[] {
  const out = new Array<number>(a.length);
  for (let i = 0; i < a.length; i++) out[i] = a[i] + 0;
  return out;
}

function fits(v: unknown, r: NumRule): v is number {
  if (typeof v !== 'number' || !Number.isFinite(v)) return false;
  if (r.integer && !Number.isInteger(v)) return false;
  if (r.above ? v <= r.min : v < r.min) return false;
  return !(r.below ? v >= r.max : v > r.max);
}

/** The path of field `k` of the object at `path`: `a.b`, or `a["odd key"]` for a key that is not a name. */
function field(path: string, k: string): string {
  if (/^[A-Za-z_$][\w$]*$/.test(k)) return path ? `${path}.${k}` : k;
  return `${path}[${JSON.stringify(k.length > 30 ? `${k.slice(0, 29)}…` : k)}]`;
}

class Checker {
  readonly errors: string[] = [];

  constructor(readonly t: Translate) {}

  /** A value as the messages quote it. */
  show(v: unknown): string {
    return show(v, this.t);
  }

  add(path: string, problem: string): void {
    this.errors.push(`${path}: ${problem}`);
  }

  /** A number under `rule`; `fallback` when absent (undefined: required). */
  num(obj: Obj, key: string, path: string, rule: NumRule, fallback?: number): number | undefined {
    const v = obj[key];
    if (v === undefined) {
      if (fallback !== undefined) return fallback;
      this.add(path, this.t('v.requiredExpected', { what: describe(rule, this.t) }));
      return undefined;
    }
    if (!fits(v, rule)) {
      this.add(path, this.t('v.expectedGot', { what: describe(rule, this.t), got: this.show(v) }));
      return undefined;
    }
    return v + 0; // −0 as 0: what a JSON round trip gives
  }

  oneOf<T extends string>(
    obj: Obj,
    key: string,
    path: string,
    options: readonly T[],
    fallback?: T,
  ): T | undefined {
    const v = obj[key];
    if (v === undefined && fallback !== undefined) return fallback;
    if (typeof v === 'string' && (options as readonly string[]).includes(v)) return v as T;
    this.add(
      path,
      this.t(v === undefined ? 'v.requiredOneOf' : 'v.oneOf', {
        options: options.join(', '),
        got: this.show(v),
      }),
    );
    return undefined;
  }

  /** A name of 1..maxNameLength characters at obj[key]. */
  name(obj: Obj, key: string, path: string): string | undefined {
    const v = obj[key];
    if (typeof v !== 'string' || v.trim().length === 0 || v.length > LIMITS.maxNameLength) {
      this.add(path, this.t('v.name', { max: LIMITS.maxNameLength, got: this.show(v) }));
      return undefined;
    }
    return v;
  }

  /** A formula's text at obj[key], read by `compile`; its refusal names the symbol and position. */
  formula(
    obj: Obj,
    key: string,
    path: string,
    compile: typeof compileUnit | typeof compileLoss,
  ): string | undefined {
    const v = obj[key];
    if (typeof v !== 'string') {
      this.add(path, this.t(v === undefined ? 'v.requiredFormula' : 'v.formula', { got: this.show(v) }));
      return undefined;
    }
    const r = compile(v);
    if (!r.ok) {
      this.add(path, this.t(r.error.key, r.error.params));
      return undefined;
    }
    return v;
  }

  /** `model.output`: a built-in unit's name, or {"name", "f"} with f a formula in z. */
  output(obj: Obj, key: string, path: string): OutputSpec | undefined {
    const v = obj[key];
    if (isObj(v)) {
      this.known(v, path, ['name', 'f']);
      const name = this.name(v, 'name', `${path}.name`);
      const f = this.formula(v, 'f', `${path}.f`, compileUnit);
      return name === undefined || f === undefined ? undefined : { name, f };
    }
    return this.oneOf(obj, key, path, OUTPUT_UNITS_OR_FORMULA) as OutputSpec | undefined;
  }

  /** `loss`: a built-in loss's name, or {"name", "L"} with L a formula in p, y and z. */
  loss(obj: Obj, key: string, path: string): LossSpec | undefined {
    const v = obj[key];
    if (isObj(v)) {
      this.known(v, path, ['name', 'L']);
      const name = this.name(v, 'name', `${path}.name`);
      const L = this.formula(v, 'L', `${path}.L`, compileLoss);
      return name === undefined || L === undefined ? undefined : { name, L };
    }
    return this.oneOf(obj, key, path, LOSSES_OR_FORMULA) as LossSpec | undefined;
  }

  object(v: unknown, path: string, required = true): Obj | undefined {
    if (v === undefined && !required) return undefined;
    if (isObj(v)) return v;
    this.add(path, this.t(v === undefined ? 'v.requiredObject' : 'v.object', { got: this.show(v) }));
    return undefined;
  }

  known(obj: Obj, path: string, allowed: readonly string[]): void {
    for (const k of Object.keys(obj)) {
      if (!allowed.includes(k))
        this.add(field(path, k), this.t('v.unknownField', { options: allowed.join(', ') }));
    }
  }

  /** Problems of the elements of one array, at most MAX_ELEMENT_ERRORS and a count of the rest. */
  elements(path: string, problems: [number, string][]): void {
    for (const [i, p] of problems.slice(0, MAX_ELEMENT_ERRORS)) this.add(`${path}[${i}]`, p);
    if (problems.length > MAX_ELEMENT_ERRORS) {
      this.add(path, this.t('v.moreLike', { n: problems.length - MAX_ELEMENT_ERRORS }));
    }
  }
}

// What the "expected one of" messages list (a typed object passes before this is read).
const OUTPUT_UNITS_OR_FORMULA = [...OUTPUT_UNITS, '{"name", "f"}'] as const;
const LOSSES_OR_FORMULA = [...LOSSES, '{"name", "L"}'] as const;

const TOP_FIELDS = ['version', 'seed', 'data', 'model', 'loss', 'optimizer', 'init', 'steps', 'variants'];
const MODEL_FIELDS = ['hidden', 'activation', 'output', 'classes'];
const OPTIMIZER_FIELDS = ['learningRate', 'momentum', 'batchSize'];
const VARIANT_FIELDS = ['name', 'color', 'model', 'loss', 'optimizer'];
const VARIANT_MODEL_FIELDS = ['output', 'activation'];

const LEARNING_RATE: NumRule = { min: 0, max: LIMITS.maxLearningRate, above: true };
const MOMENTUM: NumRule = { min: 0, max: 1, below: true };

function checkModel(c: Checker, raw: unknown): ModelSpec | undefined {
  const m = c.object(raw, 'model');
  if (!m) return undefined;
  c.known(m, 'model', MODEL_FIELDS);
  let hidden: number[] | undefined = [];
  if (m.hidden !== undefined) {
    if (!Array.isArray(m.hidden) || m.hidden.length > LIMITS.maxHiddenLayers) {
      c.add('model.hidden', c.t('v.hiddenArray', { max: LIMITS.maxHiddenLayers, got: c.show(m.hidden) }));
      hidden = undefined;
    } else {
      const rule: NumRule = { integer: true, min: 1, max: LIMITS.maxHiddenWidth };
      const bad: [number, string][] = [];
      for (let i = 0; i < m.hidden.length; i++) {
        const w: unknown = m.hidden[i];
        if (!fits(w, rule)) bad.push([i, c.t('v.units', { what: describe(rule, c.t), got: c.show(w) })]);
      }
      c.elements('model.hidden', bad);
      hidden = bad.length === 0 ? copyNumbers(m.hidden as number[]) : undefined;
    }
  }
  const activation = c.oneOf(m, 'activation', 'model.activation', ACTIVATIONS, 'relu');
  const output = c.output(m, 'output', 'model.output');
  const classes = c.num(m, 'classes', 'model.classes', { integer: true, min: 2, max: LIMITS.maxClasses }, 2);
  if (output !== undefined && !unitOf(output).vector && classes !== undefined && classes !== 2) {
    c.add('model.classes', c.t('v.oneOutput', { unit: unitLabel(output), classes }));
  }
  if (hidden === undefined || activation === undefined || output === undefined || classes === undefined)
    return undefined;
  return { hidden, activation, output, classes };
}

function checkData(c: Checker, raw: unknown, classes: number | undefined): DataSpec | undefined {
  const d = c.object(raw, 'data');
  if (!d) return undefined;
  const kind = c.oneOf(d, 'kind', 'data.kind', DATA_KINDS);
  if (kind === undefined) return undefined;
  if (kind === 'points') {
    c.known(d, 'data', ['kind', 'x', 'y']);
    return checkPoints(c, d, classes);
  }
  if (kind === 'table') {
    c.known(d, 'data', TABLE_FIELDS);
    const { problems, spec } = tableProblems(d, classes, c.t, (v) => c.show(v));
    for (const [path, p] of problems) c.add(path, p);
    return spec;
  }
  c.known(d, 'data', kind === 'blobs' ? ['kind', 'n', 'noise', 'classes'] : ['kind', 'n', 'noise']);
  const n = c.num(d, 'n', 'data.n', { integer: true, min: 1, max: LIMITS.maxExamples });
  const noise = c.num(d, 'noise', 'data.noise', { min: 0, max: LIMITS.maxNoise }, 0);
  if (n === undefined || noise === undefined) return undefined;
  if (kind === 'blobs') {
    const k = c.num(d, 'classes', 'data.classes', { integer: true, min: 2, max: LIMITS.maxClasses }, 2);
    if (k === undefined) return undefined;
    if (classes !== undefined && k !== classes) {
      c.add('data.classes', c.t('v.blobs', { k, classes }));
    }
    return { kind, n, noise, classes: k };
  }
  if (classes !== undefined && classes !== 2) {
    c.add('data.kind', c.t('v.twoClasses', { kind, classes }));
  }
  return { kind, n, noise };
}

function checkPoints(c: Checker, d: Obj, classes: number | undefined): DataSpec | undefined {
  const { x, y } = d;
  let ok = false;
  if (!Array.isArray(x) || x.length === 0 || x.length > LIMITS.maxExamples) {
    c.add('data.x', c.t('v.points', { max: LIMITS.maxExamples, got: c.show(x) }));
  } else {
    const dims = Array.isArray(x[0]) ? x[0].length : -1;
    if (dims < 1 || dims > LIMITS.maxInputDims) {
      c.add('data.x[0]', c.t('v.point', { max: LIMITS.maxInputDims, got: c.show(x[0]) }));
    } else {
      const bad: [number, string][] = [];
      for (let i = 0; i < x.length; i++) {
        const row: unknown = x[i];
        if (!Array.isArray(row) || row.length !== dims) {
          bad.push([i, c.t('v.pointLike', { dims, got: c.show(row) })]);
        } else if (!allFinite(row)) {
          bad.push([i, c.t('v.finiteNumbers', { got: c.show(row) })]);
        }
      }
      c.elements('data.x', bad);
      ok = bad.length === 0;
    }
  }
  if (!Array.isArray(y)) {
    c.add('data.y', c.t('v.labels', { got: c.show(y) }));
    return undefined;
  }
  if (Array.isArray(x) && y.length !== x.length) {
    c.add('data.y', c.t('v.labelCount', { n: x.length, got: y.length }));
    ok = false;
  }
  const k = classes ?? 2;
  const bad: [number, string][] = [];
  for (let i = 0; i < y.length; i++) {
    const v: unknown = y[i];
    if (typeof v !== 'number' || !Number.isInteger(v))
      bad.push([i, c.t('v.integerLabel', { got: c.show(v) })]);
    else if (v < 0 || v >= k) bad.push([i, c.t('v.labelRange', { v, max: k - 1, k })]);
  }
  c.elements('data.y', bad);
  if (!ok || bad.length > 0) return undefined;
  return { kind: 'points', x: (x as number[][]).map(copyNumbers), y: copyNumbers(y as number[]) };
}

function checkOptimizer(c: Checker, raw: unknown, path: string, n: number | undefined, partial: boolean) {
  const o = c.object(raw, path, !partial);
  if (!o) return partial ? {} : undefined;
  c.known(o, path, OPTIMIZER_FIELDS);
  const batchRule: NumRule = { integer: true, min: 0, max: n ?? LIMITS.maxExamples };
  const out: Partial<OptimizerSpec> = {};
  const lr = c.num(o, 'learningRate', `${path}.learningRate`, LEARNING_RATE, partial ? NaN : undefined);
  const mu = c.num(o, 'momentum', `${path}.momentum`, MOMENTUM, partial ? NaN : 0);
  const bs = c.num(o, 'batchSize', `${path}.batchSize`, batchRule, partial ? NaN : 0);
  // NaN marks "absent" for a partial override.
  if (lr !== undefined && !Number.isNaN(lr)) out.learningRate = lr;
  if (mu !== undefined && !Number.isNaN(mu)) out.momentum = mu;
  if (bs !== undefined && !Number.isNaN(bs)) out.batchSize = bs;
  if (!partial && (lr === undefined || mu === undefined || bs === undefined)) return undefined;
  return out;
}

function checkInit(c: Checker, raw: unknown, sizes: number[] | undefined): InitSpec | undefined {
  if (raw === undefined) return { kind: 'xavier' };
  const o = c.object(raw, 'init');
  if (!o) return undefined;
  const kind = c.oneOf(o, 'kind', 'init.kind', INIT_KINDS);
  if (kind === undefined) return undefined;
  if (kind !== 'explicit') {
    c.known(o, 'init', ['kind']);
    return { kind };
  }
  c.known(o, 'init', ['kind', 'layers']);
  if (sizes === undefined) return undefined;
  const layers = o.layers;
  const L = sizes.length - 1;
  if (!Array.isArray(layers) || layers.length !== L) {
    const got = Array.isArray(layers) ? `${layers.length}` : c.show(layers);
    c.add('init.layers', c.t('v.layers', { n: L, hidden: L - 1, got }));
    return undefined;
  }
  const before = c.errors.length;
  const out: { W: number[][]; b: number[] }[] = [];
  for (let l = 0; l < L; l++) {
    const path = `init.layers[${l}]`;
    const nin = sizes[l];
    const nout = sizes[l + 1];
    const p = c.object(layers[l], path);
    if (!p) continue;
    c.known(p, path, ['W', 'b']);
    const W: number[][] = [];
    if (!Array.isArray(p.W) || p.W.length !== nout) {
      const got = Array.isArray(p.W) ? `${p.W.length}` : c.show(p.W);
      c.add(`${path}.W`, c.t('v.rows', { n: nout, got }));
    } else {
      for (let o = 0; o < nout; o++) {
        const row: unknown = p.W[o];
        if (!Array.isArray(row) || row.length !== nin) {
          const got = Array.isArray(row) ? `${row.length}` : c.show(row);
          c.add(`${path}.W[${o}]`, c.t('v.weights', { n: nin, got }));
        } else if (!allFinite(row)) {
          c.add(`${path}.W[${o}]`, c.t('v.finiteNumbers', { got: c.show(row) }));
        } else W.push(copyNumbers(row as number[]));
      }
    }
    if (!Array.isArray(p.b) || p.b.length !== nout) {
      const got = Array.isArray(p.b) ? `${p.b.length}` : c.show(p.b);
      c.add(`${path}.b`, c.t('v.biases', { n: nout, got }));
    } else if (!allFinite(p.b)) {
      c.add(`${path}.b`, c.t('v.finiteNumbers', { got: c.show(p.b) }));
    } else out.push({ W, b: copyNumbers(p.b as number[]) });
  }
  return c.errors.length === before ? { kind: 'explicit', layers: out } : undefined;
}

function checkVariants(
  c: Checker,
  raw: unknown,
  base: Partial<Experiment>,
  n: number | undefined,
): VariantSpec[] | undefined {
  if (raw === undefined) return undefined;
  if (!Array.isArray(raw) || raw.length < 1 || raw.length > LIMITS.maxVariants) {
    c.add(
      'variants',
      c.t('v.variants', { max: LIMITS.maxVariants, got: Array.isArray(raw) ? `${raw.length}` : c.show(raw) }),
    );
    return undefined;
  }
  const variants: VariantSpec[] = [];
  for (let i = 0; i < raw.length; i++) {
    const path = `variants[${i}]`;
    const o = c.object(raw[i], path);
    if (!o) continue;
    c.known(o, path, VARIANT_FIELDS);
    const out: VariantSpec = {};
    if (o.name !== undefined) {
      if (typeof o.name !== 'string' || o.name.trim().length === 0 || o.name.length > LIMITS.maxNameLength) {
        c.add(`${path}.name`, c.t('v.name', { max: LIMITS.maxNameLength, got: c.show(o.name) }));
      } else out.name = o.name;
    }
    if (o.color !== undefined) {
      if (typeof o.color !== 'string' || !/^#[0-9a-fA-F]{6}$/.test(o.color)) {
        c.add(`${path}.color`, c.t('v.colour', { got: c.show(o.color) }));
      } else out.color = o.color.toLowerCase();
    }
    const m = c.object(o.model, `${path}.model`, false);
    if (m) {
      c.known(m, `${path}.model`, VARIANT_MODEL_FIELDS);
      out.model = {};
      if (m.output !== undefined) out.model.output = c.output(m, 'output', `${path}.model.output`);
      if (m.activation !== undefined)
        out.model.activation = c.oneOf(m, 'activation', `${path}.model.activation`, ACTIVATIONS);
    }
    if (o.loss !== undefined) out.loss = c.loss(o, 'loss', `${path}.loss`);
    if (o.optimizer !== undefined)
      out.optimizer = checkOptimizer(c, o.optimizer, `${path}.optimizer`, n, true);
    const unit = out.model?.output ?? base.model?.output;
    const loss = out.loss ?? base.loss;
    if (unit && loss && (out.model?.output !== undefined || out.loss !== undefined)) {
      const p = headProblem(unit, loss, c.t);
      if (p) c.add(out.loss !== undefined ? `${path}.loss` : `${path}.model.output`, p);
    }
    const classes = base.model?.classes;
    if (unit && !unitOf(unit).vector && classes !== undefined && classes > 2) {
      c.add(`${path}.model.output`, c.t('v.variantOneOutput', { unit: unitLabel(unit), classes }));
    }
    variants.push(out);
  }
  return variants;
}

export function validateExperiment(raw: unknown, t: Translate = EN): ValidationResult {
  const c = new Checker(t);
  if (!isObj(raw)) {
    return { ok: false, errors: [`experiment: ${t('v.json', { got: show(raw, t) })}`] };
  }
  c.known(raw, '', TOP_FIELDS);
  if (raw.version !== 1) c.add('version', t('v.version', { got: c.show(raw.version) }));
  const seed = c.num(raw, 'seed', 'seed', { integer: true, min: 0, max: LIMITS.maxSeed }, 1);
  const steps = c.num(raw, 'steps', 'steps', { integer: true, min: 0, max: LIMITS.maxSteps });
  const model = checkModel(c, raw.model);
  const data = checkData(c, raw.data, model?.classes);
  const n = data === undefined ? undefined : exampleCount(data);
  const loss = c.loss(raw, 'loss', 'loss');
  if (model && loss) {
    const p = headProblem(model.output, loss, t);
    if (p) c.add('loss', p);
  }
  const optimizer = checkOptimizer(c, raw.optimizer, 'optimizer', n, false) as OptimizerSpec | undefined;
  const dims = data ? inputDims(data) : undefined;
  const sizes = model && dims !== undefined ? layerSizes(model, dims) : undefined;
  const init = checkInit(c, raw.init, sizes);
  const variants = checkVariants(c, raw.variants, { model, loss }, n);
  if (sizes && model && steps !== undefined) checkHistoryBudget(c, sizes, model, variants ?? [], steps);
  if (c.errors.length > 0) return { ok: false, errors: c.errors };
  const experiment: Experiment = {
    version: 1,
    seed: seed!,
    data: data!,
    model: model!,
    loss: loss!,
    optimizer: optimizer!,
    init: init!,
    steps: steps!,
  };
  if (variants !== undefined) experiment.variants = variants;
  return { ok: true, experiment };
}

/** The history keeps θ, ∂J/∂θ and the momentum buffer for every frame: three values per parameter. */
function checkHistoryBudget(
  c: Checker,
  sizes: number[],
  model: ModelSpec,
  variants: VariantSpec[],
  steps: number,
): void {
  const widest = Math.max(
    sizes[sizes.length - 1],
    ...variants.map((v) => (v.model?.output ? outputWidth(v.model.output, model.classes) : 1)),
  );
  const params = paramCount([...sizes.slice(0, -1), widest]);
  const values = (steps + 1) * params * 3;
  if (values <= LIMITS.maxHistoryValues) return;
  const mib = (v: number): number => Math.ceil((v * 8) / 2 ** 20);
  c.add(
    'steps',
    c.t('v.history', {
      steps,
      params,
      mib: mib(values),
      limit: mib(LIMITS.maxHistoryValues),
      max: Math.floor(LIMITS.maxHistoryValues / (3 * params)) - 1,
    }),
  );
}

function paramCount(sizes: number[]): number {
  let p = 0;
  for (let l = 0; l + 1 < sizes.length; l++) p += sizes[l + 1] * (sizes[l] + 1);
  return p;
}
