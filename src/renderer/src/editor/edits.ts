/**
 * The editor's changes to an experiment draft, as plain functions (the
 * document validates the result and refuses it with the reasons if invalid).
 */
import { EN, type Translate } from '../../../i18n';
import { dataClasses, exampleCount, inputDims, makeDataset } from '../../../core/datasets';
import {
  type Experiment,
  LIMITS,
  type LayerParams,
  LOSSES,
  type LossName,
  type LossSpec,
  OUTPUT_UNITS,
  type OutputSpec,
  type OutputUnitName,
  type PointsData,
  VARIANT_COLORS,
  type VariantSpec,
} from '../../../core/experiment';
import { createNetwork, initParams } from '../../../core/network';
import { headProblem, LOSS_LABEL, unitOf } from '../../../core/units';
import { layerSizes, resolveVariants } from '../../../core/variants';

/** The experiment's data as explicit points (generated data is generated once, as the run sees it). */
export function pointsOf(e: Experiment): PointsData {
  if (e.data.kind === 'points') return e.data;
  const d = makeDataset(e.data, e.seed);
  const x: number[][] = [];
  for (let i = 0; i < d.n; i++) x.push(Array.from(d.x.subarray(i * d.dims, (i + 1) * d.dims)));
  return { kind: 'points', x, y: Array.from(d.y) };
}

/** Explicit points keep the same input size; by-hand weights for another size are replaced by xavier. */
export function setPoints(e: Experiment, x: number[][], y: number[], t: Translate = EN): string | null {
  const before = inputDims(e.data);
  e.data = { kind: 'points', x, y };
  const classes = dataClasses(e.data);
  let note: string | null = null;
  if (classes > e.model.classes) e.model.classes = classes;
  if (x.length > 0 && x[0].length !== before && e.init.kind === 'explicit') {
    e.init = { kind: 'xavier' };
    note = t('edits.startReset', { before, after: x[0].length });
  }
  return note;
}

export function addPoint(e: Experiment, x: number[], cls: number): void {
  const p = pointsOf(e);
  e.data = { kind: 'points', x: [...p.x, x], y: [...p.y, cls] };
}

export function removePoint(e: Experiment, i: number): void {
  const p = pointsOf(e);
  e.data = { kind: 'points', x: p.x.filter((_, k) => k !== i), y: p.y.filter((_, k) => k !== i) };
}

/** Switches the data's kind: generated kinds get sensible settings; 'points' keeps the current points. */
export function setDataKind(e: Experiment, kind: Experiment['data']['kind']): void {
  if (kind === e.data.kind || kind === 'table') return;
  if (kind === 'points') {
    e.data = pointsOf(e);
    return;
  }
  const n = e.data.kind === 'points' ? Math.max(2, e.data.y.length) : Math.max(2, exampleCount(e.data));
  const before = inputDims(e.data);
  e.data =
    kind === 'blobs' ? { kind, n, noise: 0.5, classes: 2 } : { kind, n, noise: kind === 'line' ? 0 : 0.1 };
  if (inputDims(e.data) !== before && e.init.kind === 'explicit') e.init = { kind: 'xavier' };
}

/** "w, w, …" → widths; anything not an integer becomes NaN for the validator to name. */
export function parseWidths(text: string): number[] {
  const t = text.trim();
  if (t === '') return [];
  return t.split(/[\s,]+/).map((s) => (/^\d+$/.test(s) ? Number(s) : NaN));
}

/** Number fields: '' and anything unparsable become NaN (refused with the reason), never 0. */
export function parseNumber(text: string): number {
  const t = text.trim();
  return t === '' ? NaN : Number(t);
}

/** Parameters as layers (W[out][in], b[out]) for a network of `sizes`. */
export function toLayers(sizes: readonly number[], theta: Float64Array): LayerParams[] {
  const net = createNetwork(sizes, 'linear', 'linear', 'mse');
  const layers: LayerParams[] = [];
  for (let l = 0; l < net.layers; l++) {
    const nin = sizes[l];
    const nout = sizes[l + 1];
    const W: number[][] = [];
    for (let o = 0; o < nout; o++)
      W.push(Array.from(theta.subarray(net.wOff[l] + o * nin, net.wOff[l] + (o + 1) * nin)));
    layers.push({ W, b: Array.from(theta.subarray(net.bOff[l], net.bOff[l] + nout)) });
  }
  return layers;
}

/** Switches the start; "by hand" begins from the start the experiment has now, to edit. */
export function setInitKind(e: Experiment, kind: Experiment['init']['kind']): void {
  if (kind === e.init.kind) return;
  if (kind !== 'explicit') {
    e.init = { kind };
    return;
  }
  const sizes = layerSizes(e.model, inputDims(e.data));
  e.init = { kind: 'explicit', layers: toLayers(sizes, initParams(sizes, e.init, e.seed)) };
}

/**
 * The experiment starts at θ_p = pv and θ_q = qv (four significant digits: a click on a loss
 * surface), the other parameters as they start now. Throws when the network is not `paramCount` wide.
 */
export function startAt(e: Experiment, paramCount: number, at: [p: number, pv: number][]): void {
  const sizes = layerSizes(e.model, inputDims(e.data));
  const theta = initParams(sizes, e.init, e.seed);
  if (paramCount !== theta.length) throw new Error('width');
  for (const [p, v] of at) theta[p] = Number(v.toPrecision(4));
  e.init = { kind: 'explicit', layers: toLayers(sizes, theta) };
}

/** Variants written out, so each can be edited (an experiment without any runs its base as one). */
export function materialiseVariants(e: Experiment): VariantSpec[] {
  if (!e.variants || e.variants.length === 0) {
    const [base] = resolveVariants(e);
    e.variants = [
      { name: base.name, color: base.color, model: { output: base.model.output }, loss: base.loss },
    ];
  }
  return e.variants;
}

/** A colour no other variant uses. */
function freeColor(vs: VariantSpec[]): string {
  const used = new Set(vs.map((v, i) => v.color ?? VARIANT_COLORS[i % VARIANT_COLORS.length]));
  return VARIANT_COLORS.find((c) => !used.has(c)) ?? VARIANT_COLORS[vs.length % VARIANT_COLORS.length];
}

export function duplicateVariant(e: Experiment, i: number): void {
  const vs = materialiseVariants(e);
  if (vs.length >= LIMITS.maxVariants) return;
  const [resolved] = [resolveVariants(e)[i]];
  const copy: VariantSpec = structuredClone(vs[i]);
  copy.name = uniqueName(vs, `${resolved.name} (copy)`);
  copy.color = freeColor(vs);
  vs.splice(i + 1, 0, copy);
}

/** The pairs "add variant" offers, the lessons' favourites first, then every other defined pair. */
const FIRST_OFFERS: [LossName, OutputUnitName][] = [
  ['nll', 'sigmoid'],
  ['mse', 'sigmoid'],
  ['nll', 'softmax'],
  ['nll', 'clipped'],
  ['mse', 'linear'],
];
export function variantOffers(): [LossName, OutputUnitName][] {
  const rest = OUTPUT_UNITS.flatMap((o) => LOSSES.map((l): [LossName, OutputUnitName] => [l, o])).filter(
    ([l, o]) => headProblem(o, l) === null && !FIRST_OFFERS.some(([l2, o2]) => l2 === l && o2 === o),
  );
  return [...FIRST_OFFERS, ...rest];
}

export function addVariant(e: Experiment): void {
  const vs = materialiseVariants(e);
  if (vs.length >= LIMITS.maxVariants) return;
  const taken = new Set(resolveVariants(e).map((v) => `${v.model.output}/${v.loss}`));
  const scalar = e.model.classes <= 2;
  const [loss, output] = variantOffers().find(
    ([l, o]) => !taken.has(`${o}/${l}`) && (scalar || unitOf(o).vector),
  ) ?? ['nll', 'softmax'];
  vs.push({
    name: uniqueName(vs, `${output} + ${LOSS_LABEL[loss]}`),
    color: freeColor(vs),
    model: { output },
    loss,
  });
}

/**
 * Sets the output unit of variant i (null: of the experiment without variants). A loss the unit
 * cannot be trained with (NLL for the linear unit) is switched to the first one it can; returns
 * that switch, or null.
 */
export function setOutputUnit(
  e: Experiment,
  i: number | null,
  unit: OutputSpec,
): { from: LossSpec; to: LossName } | null {
  const allowed = (loss: LossSpec): boolean => headProblem(unit, loss) === null;
  if (i === null) {
    e.model.output = unit;
    const from = e.loss;
    if (allowed(from)) return null;
    const to = LOSSES.find(allowed);
    if (to === undefined) return null;
    e.loss = to;
    return { from, to };
  }
  const spec = materialiseVariants(e)[i];
  spec.model = { ...spec.model, output: unit };
  const from = spec.loss ?? e.loss;
  if (allowed(from)) return null;
  const to = LOSSES.find(allowed);
  if (to === undefined) return null;
  spec.loss = to;
  return { from, to };
}

export function removeVariant(e: Experiment, i: number): void {
  const vs = materialiseVariants(e);
  if (vs.length <= 1) return;
  vs.splice(i, 1);
}

function uniqueName(vs: VariantSpec[], name: string): string {
  const names = new Set(vs.map((v) => v.name));
  let n = name;
  for (let k = 2; names.has(n); k++) n = `${name} ${k}`;
  return n;
}
