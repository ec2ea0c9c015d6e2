/**
 * An experiment as a PyTorch program (float64) that prints the frames of
 * `npm run sim`, line for line: the data and the start written out exactly,
 * each variant's unit and loss in PyTorch's stable forms, torch.optim.SGD, and
 * the app's seeded mini-batch order ported bit for bit. The program is a list
 * of sections (an explanation in the export's language and its code), joined
 * into a commented script here and into notebook cells by `notebook.ts`.
 */
import { EN, type MessageKey, type Translate } from '../i18n';
import { makeDataset } from '../core/datasets';
import {
  type ActivationName,
  type Experiment,
  type FormulaLossSpec,
  isFormulaLoss,
  isFormulaUnit,
  type OutputUnitName,
  unitLabel,
} from '../core/experiment';
import { builtinLoss, lossLabel } from '../core/units';
import { initParams } from '../core/network';
import { layerSizes, resolveVariants } from '../core/variants';

export { CODE_FORMATS, type CodeFormat } from './codeFormats';

/** One part of the program: a heading, what it does in words, and its code. */
export interface CodeSection {
  id: string;
  heading: string;
  text: string;
  code: string;
}

/** torch.nn modules of the hidden activations (ReLU′(0) = 0 in both). */
const TORCH_ACTIVATION: Record<ActivationName, string> = {
  relu: 'torch.nn.ReLU',
  sigmoid: 'torch.nn.Sigmoid',
  tanh: 'torch.nn.Tanh',
  linear: 'torch.nn.Identity',
};

/** J over a batch for each (unit, loss) the validator allows, in PyTorch's stable forms. */
const TORCH_LOSS: Record<string, string[]> = {
  'sigmoid nll': [
    '# L = ζ((1−2y)·z) computed from z, never as log σ(z); ∂L/∂z = σ(z) − y',
    'return F.binary_cross_entropy_with_logits(z[:, 0], y.double())',
  ],
  'sigmoid mse': ['# L = (σ(z) − y)²', 'return F.mse_loss(torch.sigmoid(z[:, 0]), y.double())'],
  'clipped nll': [
    '# ŷ = max{0, min{1, z}} (clamp lets the gradient through on 0 ≤ z ≤ 1, ends included);',
    '# binary_cross_entropy clamps each log at −100 and divides by max(ŷ(1−ŷ), 1e-12) in its gradient',
    'return F.binary_cross_entropy(torch.clamp(z[:, 0], 0, 1), y.double())',
  ],
  'clipped mse': [
    '# L = (max{0, min{1, z}} − y)²',
    'return F.mse_loss(torch.clamp(z[:, 0], 0, 1), y.double())',
  ],
  'linear mse': ['# L = (z − y)²', 'return F.mse_loss(z[:, 0], y.double())'],
  'softmax nll': [
    '# L = logsumexp(z) − z_y from the logits; ∂L/∂z = softmax(z) − onehot(y)',
    'return F.cross_entropy(z, y)',
  ],
  'softmax mse': [
    '# L = (1/K) Σ_c (softmax(z)_c − onehot(y)_c)²',
    'return F.mse_loss(torch.softmax(z, dim=1), F.one_hot(y, z.shape[1]).double())',
  ],
};

/** ŷ > 1/2 of a scalar unit, for the accuracy (softmax: the first largest logit). */
const TORCH_UNIT: Record<Exclude<OutputUnitName, 'softmax'>, string> = {
  linear: 'z[:, 0]',
  clipped: 'torch.clamp(z[:, 0], 0, 1)',
  sigmoid: 'torch.sigmoid(z[:, 0])',
};

/** A float64 as a Python literal that reads back as the same double (−0 keeps its sign). */
export function pyNumber(v: number): string {
  if (Object.is(v, -0)) return '-0.0';
  if (!Number.isFinite(v)) throw new RangeError(`not a finite number: ${v}`);
  return String(v);
}

function pyList(values: ArrayLike<number>): string {
  return `[${Array.from(values, pyNumber).join(', ')}]`;
}

/** A Python string literal: JSON's escapes are all valid in Python. */
function pyString(s: string): string {
  return JSON.stringify(s);
}

/** Why this experiment cannot be written as PyTorch code, or null. */
export function codeProblem(exp: Experiment, t: Translate = EN): string | null {
  for (const v of resolveVariants(exp)) {
    // A unit or loss typed as a formula (issue 19) is not translated to torch: say which.
    if (isFormulaUnit(v.model.output) || isFormulaLoss(v.loss)) {
      const typed = isFormulaUnit(v.model.output)
        ? { what: unitLabel(v.model.output), formula: v.model.output.f }
        : { what: lossLabel(v.loss), formula: (v.loss as FormulaLossSpec).L };
      return t('code.cannotFormula', { name: v.name, ...typed });
    }
    const unit = v.model.output;
    const loss = v.loss;
    if (!(`${unit} ${loss}` in TORCH_LOSS)) return t('code.cannotHead', { unit, loss, name: v.name });
    if (!(v.model.activation in TORCH_ACTIVATION))
      return t('code.cannotActivation', { activation: v.model.activation, name: v.name });
  }
  return null;
}

/** Comment lines of at most `width` columns (CJK characters count two). */
export function wrapComment(text: string, width = 96): string[] {
  const cols = (s: string): number => [...s].reduce((n, ch) => n + (ch.codePointAt(0)! > 0x2e7f ? 2 : 1), 0);
  const room = width - 2;
  const tokens: string[] = [];
  for (const word of text.split(/\s+/).filter((w) => w.length > 0)) {
    if (cols(word) <= room) {
      tokens.push(word);
      continue;
    }
    // Wider than a line (a sentence without spaces, as Chinese is written): cut into lines.
    let piece = '';
    for (const ch of word) {
      if (cols(piece) + cols(ch) > room) {
        tokens.push(piece);
        piece = '';
      }
      piece += ch;
    }
    if (piece !== '') tokens.push(piece);
  }
  const lines: string[] = [];
  let line = '';
  for (const w of tokens) {
    if (line !== '' && cols(line) + 1 + cols(w) > room) {
      lines.push(`# ${line}`);
      line = w;
    } else line = line === '' ? w : `${line} ${w}`;
  }
  lines.push(`# ${line}`.trimEnd());
  return lines;
}

interface Context {
  exp: Experiment;
  t: Translate;
  /** Whether any variant draws mini-batches (0 < batch < n): only then is the generator ported. */
  batches: boolean;
}

function section(ctx: Context, id: string, key: MessageKey, text: string, code: string[]): CodeSection {
  return { id, heading: ctx.t(key), text, code: code.join('\n') };
}

function setup(): string[] {
  return [
    'import json',
    'import math',
    'import sys',
    '',
    'import torch',
    'import torch.nn.functional as F',
    '',
    'torch.set_default_dtype(torch.float64)',
  ];
}

function dataCode(ctx: Context): { text: string; code: string[] } {
  const { exp, t } = ctx;
  const data = makeDataset(exp.data, exp.seed);
  const { n, dims, classes } = data;
  const rows: string[] = [];
  for (let i = 0; i < n; i++) rows.push(`    ${pyList(data.x.subarray(i * dims, (i + 1) * dims))},`);
  const labels: string[] = [];
  for (let i = 0; i < n; i += 40) labels.push(`    ${Array.from(data.y.subarray(i, i + 40)).join(', ')},`);
  const spec = exp.data;
  const source =
    spec.kind === 'points'
      ? t('code.dataPoints')
      : spec.kind === 'table'
        ? t(spec.standardize ? 'code.dataTableStandardized' : 'code.dataTable', {
            table: spec.dataset ?? 'CSV',
            features: spec.features.join(', '),
            label: spec.label,
          })
        : spec.kind in GENERATOR_KINDS
          ? t('code.dataGenerated', { kind: spec.kind, seed: exp.seed, noise: spec.noise ?? 0 })
          : t('code.dataWritten');
  return {
    text: `${t('code.data', { n, dims, last: classes - 1 })} ${source}`,
    code: [
      `X = torch.tensor([`,
      ...rows,
      `], dtype=torch.float64)`,
      `Y = torch.tensor([`,
      ...labels,
      `], dtype=torch.long)`,
      `CLASSES = ${classes}`,
    ],
  };
}

const GENERATOR_KINDS = { line: 1, blobs: 1, xor: 1, circles: 1, moons: 1, spiral: 1 };

function startCode(ctx: Context): { text: string; code: string[] } {
  const { exp, t } = ctx;
  const data = makeDataset(exp.data, exp.seed);
  const sizes = layerSizes(exp.model, data.dims);
  const theta = initParams(sizes, exp.init, exp.seed);
  const code = ['START = ['];
  let k = 0;
  for (let l = 0; l + 1 < sizes.length; l++) {
    const nin = sizes[l];
    const nout = sizes[l + 1];
    code.push(`    (  # W${l + 1} (${nout} × ${nin}), b${l + 1}`);
    code.push('        [');
    for (let o = 0; o < nout; o++)
      code.push(`            ${pyList(theta.subarray(k + o * nin, k + (o + 1) * nin))},`);
    k += nout * nin;
    code.push('        ],');
    code.push(`        ${pyList(theta.subarray(k, k + nout))},`);
    k += nout;
    code.push('    ),');
  }
  code.push(']');
  const widths = new Set(resolveVariants(exp).map((v) => (v.model.output === 'softmax' ? 'k' : '1')));
  const adapt = widths.size > 1;
  code.push(
    '',
    '',
    'def start_for(unit):',
    `    """${t('code.startFor')}"""`,
    '    layers = [(torch.tensor(W, dtype=torch.float64), torch.tensor(b, dtype=torch.float64)) for W, b in START]',
  );
  if (adapt) {
    code.push(
      '    W, b = layers[-1]',
      '    if unit == "softmax" and W.shape[0] == 1:',
      '        # one logit z → two logits (−z/2, z/2): softmax([−z/2, z/2])₁ = σ(z)',
      '        layers[-1] = (torch.cat([-W / 2, W / 2]), torch.cat([-b / 2, b / 2]))',
      '    elif unit != "softmax" and W.shape[0] == 2:',
      '        # two logits (z₀, z₁) → z = z₁ − z₀, the same probabilities',
      '        layers[-1] = ((W[1] - W[0]).unsqueeze(0), (b[1] - b[0]).unsqueeze(0))',
    );
  }
  code.push('    return layers');
  const how = t(exp.init.kind === 'explicit' ? 'code.startExplicit' : 'code.startSeeded', {
    init: exp.init.kind,
    seed: exp.seed,
  });
  const words = [t('code.start'), how, ...(adapt ? [t('code.startAdapt')] : [])];
  return { text: words.join(' '), code };
}

function variantsCode(ctx: Context): string[] {
  const { exp } = ctx;
  const lines = ['VARIANTS = ['];
  for (const v of resolveVariants(exp)) {
    lines.push(
      '    {',
      `        "name": ${pyString(v.name)},`,
      // Built-in names only: codeProblem refused typed units and losses before.
      `        "unit": ${pyString(unitLabel(v.model.output))},`,
      `        "loss": ${pyString(builtinLoss(v.loss))},`,
      `        "activation": ${pyString(v.model.activation)},`,
      `        "learning_rate": ${pyNumber(v.optimizer.learningRate)},`,
      `        "momentum": ${pyNumber(v.optimizer.momentum)},`,
      `        "batch_size": ${v.optimizer.batchSize},`,
      '    },',
    );
  }
  lines.push(']', `STEPS = ${exp.steps}`, `SEED = ${exp.seed}`);
  return lines;
}

/** The app's src/core/rng.ts and mini-batch order, in Python. */
function batchesCode(ctx: Context): string[] {
  const { t } = ctx;
  return [
    'M32 = 0xFFFFFFFF',
    '',
    '',
    'def splitmix32(state):',
    '    s = state & M32',
    '',
    '    def next_value():',
    '        nonlocal s',
    '        s = (s + 0x9E3779B9) & M32',
    '        z = ((s ^ (s >> 16)) * 0x85EBCA6B) & M32',
    '        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & M32',
    '        return z ^ (z >> 16)',
    '',
    '    return next_value',
    '',
    '',
    'def fnv1a(name):',
    '    h = 0x811C9DC5',
    '    for ch in name:',
    '        h = ((h ^ ord(ch)) * 0x01000193) & M32',
    '    return h',
    '',
    '',
    'class Rng:',
    `    """${t('code.rngDoc')}"""`,
    '',
    '    def __init__(self, seed, stream):',
    '        mix = splitmix32((seed & M32) ^ fnv1a(stream))',
    '        self.a, self.b, self.c, self.d = mix(), mix(), mix(), mix()',
    '        for _ in range(12):',
    '            self.next()',
    '',
    '    def next(self):',
    '        a, b, c, d = self.a, self.b, self.c, self.d',
    '        t = (a + b + d) & M32',
    '        self.d = (d + 1) & M32',
    '        self.a = b ^ (b >> 9)',
    '        self.b = (c + (c << 3)) & M32',
    '        c = ((c << 21) | (c >> 11)) & M32',
    '        self.c = (c + t) & M32',
    '        return t',
    '',
    '    def uniform(self):',
    '        high = self.next() >> 5',
    '        low = self.next() >> 6',
    '        return (high * 67108864 + low) / 9007199254740992',
    '',
    '    def int(self, n):',
    '        return math.floor(self.uniform() * n)',
    '',
    '',
    'class Batches:',
    `    """${t('code.batchesDoc')}"""`,
    '',
    '    def __init__(self, n, batch_size):',
    '        self.n, self.size = n, batch_size',
    '        self.order = list(range(n))',
    '        self.pos = 0',
    '        self.rng = Rng(SEED, "batches")',
    '',
    '    def next(self):',
    '        if not 0 < self.size < self.n:',
    '            return None',
    '        if self.pos == 0:',
    '            for i in range(self.n - 1, 0, -1):  # Fisher–Yates',
    '                j = self.rng.int(i + 1)',
    '                self.order[i], self.order[j] = self.order[j], self.order[i]',
    '        end = min(self.pos + self.size, self.n)',
    '        rows = torch.tensor(self.order[self.pos : end])',
    '        self.pos = 0 if end == self.n else end',
    '        return rows',
  ];
}

function networkCode(ctx: Context): string[] {
  const used = [...new Set(resolveVariants(ctx.exp).map((v) => v.model.activation))];
  return [
    'ACTIVATIONS = {',
    ...used.map((a) => `    ${pyString(a)}: ${TORCH_ACTIVATION[a]},`),
    '}',
    '',
    '',
    'def build_network(variant):',
    `    """${ctx.t('code.networkDoc')}"""`,
    '    start = start_for(variant["unit"])',
    '    modules = []',
    '    for i, (W, b) in enumerate(start):',
    '        linear = torch.nn.Linear(W.shape[1], W.shape[0])',
    '        with torch.no_grad():',
    '            linear.weight.copy_(W)',
    '            linear.bias.copy_(b)',
    '        modules.append(linear)',
    '        if i < len(start) - 1:',
    '            modules.append(ACTIVATIONS[variant["activation"]]())',
    '    return torch.nn.Sequential(*modules)',
  ];
}

function lossCode(ctx: Context): string[] {
  const pairs = [...new Set(resolveVariants(ctx.exp).map((v) => `${v.model.output} ${v.loss}`))];
  const units = [...new Set(resolveVariants(ctx.exp).map((v) => v.model.output))];
  const lines = ['def loss_of(unit, loss, z, y):', `    """${ctx.t('code.lossDoc')}"""`];
  for (const p of pairs) {
    const [unit, loss] = p.split(' ');
    lines.push(`    if unit == ${pyString(unit)} and loss == ${pyString(loss)}:`);
    for (const l of TORCH_LOSS[p]) lines.push(`        ${l}`);
  }
  lines.push('    raise ValueError(unit + " + " + loss)', '', '', 'def predict(unit, z):');
  lines.push(`    """${ctx.t('code.predictDoc')}"""`);
  if (units.includes('softmax')) lines.push('    if unit == "softmax":', '        return z.argmax(dim=1)');
  const scalar = units.filter((u): u is Exclude<OutputUnitName, 'softmax'> => u !== 'softmax');
  for (const u of scalar) {
    lines.push(`    if unit == ${pyString(u)}:`, `        return (${TORCH_UNIT[u]} > 0.5).long()`);
  }
  lines.push('    raise ValueError(unit)');
  return lines;
}

function trainCode(ctx: Context): string[] {
  const { exp } = ctx;
  const clippedNll = resolveVariants(exp).some((v) => v.model.output === 'clipped' && v.loss === 'nll');
  // The reasons are the sim's English messages (its JSON is always in English).
  const reason = (key: MessageKey): string =>
    pyString(EN(key, { name: '{name}', value: '{value}', step: '{step}' }));
  const frame = [
    '        opt.zero_grad()',
    '        rows = batches.next()',
    '        z = net(X)',
    '        if rows is None:',
    '            J = loss_of(unit, loss, z, Y)',
    '            J.backward()',
    '        else:',
    '            loss_of(unit, loss, net(X[rows]), Y[rows]).backward()',
    '            J = loss_of(unit, loss, z, Y)',
    '        with torch.no_grad():',
    '            accuracy = (predict(unit, z) == Y).sum().item() / len(Y)',
  ];
  return [
    'def shown(v):',
    '    return v if math.isfinite(v) else None',
    '',
    '',
    'def as_text(v):',
    '    return "NaN" if math.isnan(v) else ("Infinity" if v > 0 else "-Infinity")',
    '',
    '',
    'def param_names(net):',
    '    names = []',
    '    for layer, linear in enumerate(m for m in net if isinstance(m, torch.nn.Linear)):',
    '        rows, cols = linear.weight.shape',
    '        names += [f"W{layer + 1}[{o}][{j}]" for o in range(rows) for j in range(cols)]',
    '        names += [f"b{layer + 1}[{o}]" for o in range(rows)]',
    '    return names',
    '',
    '',
    'def divergence(names, params, J, grad, step):',
    `    """${ctx.t('code.divergenceDoc')}"""`,
    '    for name, v in zip(names, params):',
    '        if not math.isfinite(v):',
    `            return ${reason('diverge.param')}.format(name=name, value=as_text(v), step=step)`,
    '    if not math.isfinite(J):',
    `        return ${reason('diverge.loss')}.format(value=as_text(J), step=step)`,
    '    for name, v in zip(names, grad):',
    '        if not math.isfinite(v):',
    `            return ${reason('diverge.grad')}.format(name=name, value=as_text(v), step=step)`,
    '    return None',
    '',
    '',
    'def train(index, variant):',
    `    """${ctx.t('code.trainDoc')}"""`,
    '    unit, loss = variant["unit"], variant["loss"]',
    '    net = build_network(variant)',
    '    names = param_names(net)',
    '    opt = torch.optim.SGD(net.parameters(), lr=variant["learning_rate"], momentum=variant["momentum"])',
    '    batches = Batches(len(Y), variant["batch_size"])' + (ctx.batches ? '' : '  # 0: the whole set'),
    '    curve = []',
    '    for step in range(STEPS + 1):',
    ...(clippedNll
      ? [
          '        try:',
          ...frame.map((l) => `    ${l}`),
          '        except RuntimeError:',
          '            # binary_cross_entropy refuses a NaN ŷ: a parameter is already non-finite',
          '            J = torch.tensor(math.nan)',
          '            accuracy = math.nan',
        ]
      : frame),
    '        params = torch.cat([p.detach().reshape(-1) for p in net.parameters()]).tolist()',
    '        grad = torch.cat([p.grad.reshape(-1) if p.grad is not None else torch.full_like(p, math.nan).reshape(-1) for p in net.parameters()]).tolist()',
    '        J = J.item()',
    '        curve.append(J)',
    '        reason = divergence(names, params, J, grad, step)',
    '        line = {',
    '            "variant": index,',
    '            "name": variant["name"],',
    '            "step": step,',
    '            "loss": shown(J),',
    '            "accuracy": shown(accuracy),',
    '            "params": [shown(v) for v in params],',
    '            "grad": [shown(v) for v in grad],',
    '            "status": "ok" if reason is None else "diverged",',
    '        }',
    '        if reason is not None:',
    '            line["reason"] = reason',
    '        print(json.dumps(line, ensure_ascii=False, separators=(",", ":")))',
    '        if reason is not None:',
    '            break',
    '        opt.step()',
    '    return curve',
  ];
}

function plotCode(ctx: Context): string[] {
  const { t } = ctx;
  return [
    'def plot(curves):',
    '    try:',
    '        import matplotlib.pyplot as plt',
    '    except ImportError:',
    `        print(${pyString(t('code.noMatplotlib'))}, file=sys.stderr)`,
    '        return',
    '    for variant, curve in zip(VARIANTS, curves):',
    '        plt.plot(range(len(curve)), curve, label=variant["name"])',
    `    plt.xlabel(${pyString(t('code.plotStep'))})`,
    `    plt.ylabel(${pyString(t('code.plotLoss'))})`,
    '    plt.yscale("log")',
    '    plt.legend()',
    '    plt.show()',
  ];
}

/** The program as sections, or why it cannot be written. `title` names the experiment (its file). */
export function pytorchSections(
  exp: Experiment,
  title: string,
  t: Translate = EN,
): { ok: true; sections: CodeSection[] } | { ok: false; problem: string } {
  const problem = codeProblem(exp, t);
  if (problem) return { ok: false, problem };
  const n = makeDataset(exp.data, exp.seed).n;
  const ctx: Context = {
    exp,
    t,
    batches: resolveVariants(exp).some((v) => v.optimizer.batchSize > 0 && v.optimizer.batchSize < n),
  };
  const data = dataCode(ctx);
  const start = startCode(ctx);
  const sections = [
    section(ctx, 'setup', 'code.h.setup', t('code.intro', { title: oneLine(title) }), setup()),
    section(ctx, 'data', 'code.h.data', data.text, data.code),
    section(ctx, 'start', 'code.h.start', start.text, start.code),
    section(ctx, 'variants', 'code.h.variants', t('code.variants'), variantsCode(ctx)),
    section(
      ctx,
      'batches',
      'code.h.batches',
      t(ctx.batches ? 'code.batches' : 'code.fullBatch', { seed: exp.seed }),
      batchesCode(ctx),
    ),
    section(ctx, 'network', 'code.h.network', t('code.network'), networkCode(ctx)),
    section(ctx, 'loss', 'code.h.loss', t('code.loss'), lossCode(ctx)),
    section(ctx, 'train', 'code.h.train', t('code.train'), trainCode(ctx)),
    section(ctx, 'plot', 'code.h.plot', t('code.plot'), plotCode(ctx)),
  ];
  return { ok: true, sections };
}

/** A title on one line (it goes into comments and a heading). */
export function oneLine(s: string): string {
  // eslint-disable-next-line no-control-regex
  return s.replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').trim();
}

/** The commented script: `python3 run.py [--plot]`. */
export function pytorchScript(
  exp: Experiment,
  title: string,
  t: Translate = EN,
): { ok: true; text: string } | { ok: false; problem: string } {
  const r = pytorchSections(exp, title, t);
  if (!r.ok) return r;
  const out: string[] = ['#!/usr/bin/env python3'];
  for (const s of r.sections) {
    out.push(`# ── ${s.heading} ${'─'.repeat(Math.max(3, 60 - [...s.heading].length))}`);
    out.push(...wrapComment(s.text));
    if (s.id === 'setup') out.push(...wrapComment(t('code.usage')));
    out.push('', s.code, '', '');
  }
  out.push(
    `# ── ${t('code.h.run')} ${'─'.repeat(Math.max(3, 60 - [...t('code.h.run')].length))}`,
    ...wrapComment(t('code.run')),
    'if __name__ == "__main__":',
    '    curves = [train(i, v) for i, v in enumerate(VARIANTS)]',
    '    if "--plot" in sys.argv[1:]:',
    '        plot(curves)',
    '',
  );
  return { ok: true, text: out.join('\n') };
}
