/**
 * The chain-rule diagram of one variant, as a pure Canvas 2D drawing, for
 * every network the validator accepts: the layers as columns (x, h1 … hH, z,
 * ŷ, L, J), each with its units as nodes sized to fit, or summarised as one
 * bar with the layer's vector norm when too many to draw. Every edge is a thin
 * unlabelled line whose width and strength follow |gradient| on a logarithmic
 * scale (an exact 0 is a dashed line: the flow is cut). One path is
 * highlighted and labelled in full: the chosen parameter's, from its edge to
 * J, with each node's value, each edge's local derivative and the running
 * product ∂L/∂(node). Beneath: the per-layer gradient norms as bars, the
 * parameter's update and the notes, each printed once.
 *
 * The layout is a pure function (`layoutChain`) returning every text box, so
 * that tests can check that no two labels intersect and none leaves the canvas.
 */
import { type ChainStep, type ChainView, sci, stepOf } from '../core/chain';
import { unitLabel } from '../core/experiment';
import { lossLabel, unitOf } from '../core/units';
import type { Size } from './dataView';
import { wrapText } from './text';
import { FONT, type DrawTheme } from './theme';

export { wrapText };

/** A parameter's edge as drawn: from (x1, y1) to (x2, y2); `param` indexes the flat θ. */
export interface ChainEdge {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  param: number;
}

/** The flat index of W_l[o][j] (bias: j = −1) in θ: layer by layer, W row-major then b. */
export function paramIndex(v: ChainView, l: number, o: number, j: number): number {
  let off = 0;
  for (let m = 0; m < l; m++) off += v.layers[m].W.length * (v.layers[m].W[0].length + 1);
  const nin = v.layers[l].W[0].length;
  return j < 0 ? off + v.layers[l].W.length * nin + o : off + o * nin + j;
}

/** Which weight (j ≥ 0) or bias (j = −1) a flat index is, or null beyond θ. */
export function paramAt(v: ChainView, param: number): { l: number; o: number; j: number } | null {
  let off = 0;
  for (let l = 0; l < v.layers.length; l++) {
    const nout = v.layers[l].W.length;
    const nin = v.layers[l].W[0].length;
    if (param < off + nout * nin && param >= off) {
      const r = param - off;
      return { l, o: Math.floor(r / nin), j: r % nin };
    }
    off += nout * nin;
    if (param < off + nout && param >= off) return { l, o: param - off, j: -1 };
    off += nout;
  }
  return null;
}

/** The parameter's name as the app writes it everywhere: W1[0][0], b2[1] (layers from 1, indices from 0). */
export function chainParamName(v: ChainView, param: number): string {
  const p = paramAt(v, param);
  if (!p) return '';
  return p.j < 0 ? `b${p.l + 1}[${p.o}]` : `W${p.l + 1}[${p.o}][${p.j}]`;
}

/** The default path: the output unit's first weight (softmax: class 1's), as the loss surface's. */
export function defaultChainParam(v: ChainView): number {
  const last = v.layers.length - 1;
  return paramIndex(v, last, v.K > 1 ? 1 : 0, 0);
}

/** The edge nearest to (x, y) within `radius` pixels, or null. */
export function chainEdgeAt(edges: ChainEdge[], x: number, y: number, radius = 6): ChainEdge | null {
  let best: ChainEdge | null = null;
  let bestD = radius;
  for (const e of edges) {
    const dx = e.x2 - e.x1;
    const dy = e.y2 - e.y1;
    const t = Math.max(0, Math.min(1, ((x - e.x1) * dx + (y - e.y1) * dy) / (dx * dx + dy * dy || 1)));
    const d = Math.hypot(x - (e.x1 + t * dx), y - (e.y1 + t * dy));
    if (d <= bestD) {
      bestD = d;
      best = e;
    }
  }
  return best;
}

/** Where the transport is within a step: 0 forward, 1 loss, 2 backward, 3 update; t ∈ [0, 1] inside it. */
export interface ChainAnimation {
  phase: 0 | 1 | 2 | 3;
  t: number;
}

/** Width of an edge carrying gradient g: 0 for exactly 0, then log-scaled from 10⁻⁸ (hairline) to 10 (6 px). */
export function gradientWidth(g: number): number {
  const a = Math.abs(g);
  if (a === 0 || !Number.isFinite(a)) return 0;
  const k = (Math.log10(a) + 8) / 9; // 1e-8 → 0, 10 → 1
  return 0.4 + 5.6 * Math.min(1, Math.max(0, k));
}

export interface ChainOptions {
  /** The parameter whose path is highlighted and labelled (flat index into θ); default `defaultChainParam`. */
  param?: number;
  /** The text's scale beyond the size's own (focus mode: larger for a room). Default 1. */
  scale?: number;
}

/** Text measured in CSS pixels: the width of `text` in `font`. */
export type Measure = (text: string, font: string) => number;

/**
 * `marker`: a numbered badge; on the path where a label found no room there, and before the
 * label's text in the lines under the graph (the same number), so that detached text still points
 * at its place.
 */
export type TextKind = 'title' | 'column' | 'label' | 'overflow' | 'marker' | 'bar' | 'update' | 'note';

/** One line of text: its box (top-left, CSS px), drawn left-aligned and vertically centred. */
export interface TextBox {
  x: number;
  y: number;
  w: number;
  h: number;
  text: string;
  kind: TextKind;
  tone: 'fg' | 'muted' | 'wrong';
  /** The column the forward sweep must reach before it is shown (−1: always). */
  col: number;
  /** A gradient: shown once the backward sweep has passed column `col`. */
  back: boolean;
}

export interface ChainNode {
  x: number;
  y: number;
  r: number;
  col: number;
  /** The units it stands for: 1, or the layer's width for a summary bar (drawn from y − h/2 to y + h/2). */
  count: number;
  h: number;
  /** The unit's index in its layer (−1: a summary bar). */
  k: number;
  onPath: boolean;
}

export interface ChainLine {
  x1: number;
  y1: number;
  x2: number;
  y2: number;
  /** The source's column (the sweeps reveal it). */
  col: number;
  /** The gradient it carries (width and strength), and the weight it stands for (null: none). */
  grad: number;
  weight: number | null;
  /** The parameter's flat index (−1: not a single parameter). */
  param: number;
  onPath: boolean;
}

export interface ChainBar {
  x: number;
  y: number;
  w: number;
  h: number;
  norm: number;
}

export interface ChainLayout {
  width: number;
  /** The height used: the size's, or the diagram's natural height when none was given. */
  height: number;
  fontPx: number;
  font: string;
  lineH: number;
  param: number;
  cols: number;
  colX: number[];
  /** The graph's band: the pulse of the backward sweep runs at `midY`. */
  midY: number;
  boxes: TextBox[];
  nodes: ChainNode[];
  lines: ChainLine[];
  bars: ChainBar[];
}

interface Rect {
  x: number;
  y: number;
  w: number;
  h: number;
}

export function intersects(a: Rect, b: Rect): boolean {
  return a.x < b.x + b.w && b.x < a.x + a.w && a.y < b.y + b.h && b.y < a.y + a.h;
}

/**
 * Whether the segment (x1, y1)–(x2, y2) comes within `pad` of the rectangle (Liang–Barsky
 * clipping against the rectangle grown by `pad`).
 */
export function crosses(e: { x1: number; y1: number; x2: number; y2: number }, r: Rect, pad = 0): boolean {
  const dx = e.x2 - e.x1;
  const dy = e.y2 - e.y1;
  let t0 = 0;
  let t1 = 1;
  const edges: [number, number][] = [
    [-dx, e.x1 - (r.x - pad)],
    [dx, r.x + r.w + pad - e.x1],
    [-dy, e.y1 - (r.y - pad)],
    [dy, r.y + r.h + pad - e.y1],
  ];
  for (const [p, q] of edges) {
    if (p === 0) {
      if (q < 0) return false;
      continue;
    }
    const t = q / p;
    if (p < 0) {
      if (t > t1) return false;
      if (t > t0) t0 = t;
    } else {
      if (t < t0) return false;
      if (t < t1) t1 = t;
    }
  }
  return t0 < t1;
}

const PAD = 8;
/** Between the texts of a line under the graph. */
const SEP = '   ';
/** A badge's room on either side of its number, and between a badge and its text. */
const MARKER_PAD = 4;
const MARKER_GAP = 4;

/** A part of a line under the graph: a badge's number, or text. */
interface OverflowItem {
  text: string;
  marker: boolean;
}

/** A factor after a product sign: negative numbers in parentheses. */
function paren(x: number): string {
  return x < 0 ? `(${sci(x)})` : sci(x);
}

function subName(base: string, count: number, k: number): string {
  return count > 1 ? `${base}[${k}]` : base;
}

interface Column {
  name: string;
  count: number;
  kind: 'x' | 'h' | 'z' | 'yhat' | 'L' | 'J';
}

/**
 * Where everything goes, for a canvas `size.width` wide and `size.height` high; with a height of
 * NaN (or ≤ 0) the graph takes its natural height and `height` says what the whole needs.
 */
export function layoutChain(
  v: ChainView,
  size: { width: number; height: number },
  theme: Pick<DrawTheme, 't'>,
  measure: Measure,
  opts: ChainOptions = {},
): ChainLayout {
  const width = Math.max(1, size.width);
  const natural = !(size.height > 0);
  const scale = opts.scale ?? 1;
  const fontPx = Math.round(Math.max(12, Math.min(15, width / 45)) * scale);
  const font = `${fontPx}px ${FONT}`;
  const lineH = Math.round(fontPx * 1.35);
  // Every string is measured once per layout (the placement tries many spots for the same labels).
  const widths = new Map<string, number>();
  const tw = (s: string): number => {
    let w = widths.get(s);
    if (w === undefined) widths.set(s, (w = measure(s, font)));
    return w;
  };
  /** A numbered badge: its digits and a little room around them. */
  const markerW = (n: string): number => tw(n) + 2 * MARKER_PAD;
  const mean = v.example < 0;
  const last = v.layers.length - 1;
  const K = v.K;
  const L = v.layers.length;
  const boxes: TextBox[] = [];
  const textW = width - 2 * PAD;

  // Columns: a₀ = x, h1 … hH, z, then ŷ and L for an example, and J.
  const columns: Column[] = [{ name: 'x', count: v.layers[0].W[0].length, kind: 'x' }];
  for (let l = 0; l < L - 1; l++) columns.push({ name: `h${l + 1}`, count: v.layers[l].b.length, kind: 'h' });
  columns.push({ name: 'z', count: K, kind: 'z' });
  if (!mean) columns.push({ name: 'ŷ', count: K, kind: 'yhat' }, { name: 'L', count: 1, kind: 'L' });
  columns.push({ name: 'J', count: 1, kind: 'J' });
  const cols = columns.length;
  const zCol = L;

  // The text rows around the graph, each wrapped to the width.
  const title = mean
    ? theme.t('draw.chainMean', { n: v.n, J: sci(v.J) })
    : theme.t('draw.chainExample', {
        i: v.example,
        y: v.y,
        L: sci(v.L),
        unit: unitLabel(v.unit),
        loss: lossLabel(v.loss),
      });
  const titleLines = wrapText(title, textW, tw);
  const param = paramAt(v, opts.param ?? -1) ? opts.param! : defaultChainParam(v);
  const p = paramAt(v, param)!;
  const pName = chainParamName(v, param);
  const pValue = p.j < 0 ? v.layers[p.l].b[p.o] : v.layers[p.l].W[p.o][p.j];
  // The step the run took for this parameter, as it recorded it: the batch gradient, momentum and batch.
  const s = stepOf(v, param);
  const values = {
    p: pName,
    dJ: `∂J${batched(s) ? '_B' : ''}/∂${pName}`,
    theta: sci(s.theta),
    alpha: sci(s.learningRate),
    g: paren(s.grad),
    next: Number.isNaN(s.next) ? '—' : sci(s.next),
  };
  const update =
    s.momentum !== 0
      ? theme.t('draw.updateMomentum', {
          ...values,
          mu: sci(s.momentum),
          vprev: paren(s.previous),
          v: paren(s.velocity),
        })
      : theme.t('draw.update', values);
  const updateLines = [
    ...wrapText(update, textW, tw),
    ...(batched(s) ? wrapText(theme.t('draw.batch', batchParams(s)), textW, tw) : []),
  ];
  const noteLines = v.notes.map((n) => wrapText(`• ${theme.t(n.key, n.params)}`, textW, tw));

  // Per-layer gradient norms: a grid of cells (bar + text) that reflows to the width.
  const normTexts = v.layers.map((l, k) => `‖∇W${k + 1}‖ = ${sci(l.norm)}`);
  const normTextW = Math.max(...normTexts.map(tw));
  let barMax = Math.max(12, Math.min(90, width * 0.12));
  if (barMax + 4 + normTextW > textW) barMax = Math.max(4, textW - 4 - normTextW);
  const cellW = barMax + 4 + normTextW + 14;
  const perRow = Math.max(1, Math.min(L, Math.floor((textW + 14) / cellW)));
  const barRows = Math.ceil(L / perRow);

  // The graph's natural height: enough for the tallest column drawn unit by unit.
  const tallest = Math.max(...columns.map((c) => (c.count > 24 ? 1 : c.count)));
  const idealGraph = Math.max(160, Math.min(440, tallest * Math.max(26, 2.2 * lineH) + 4 * lineH)) * scale;
  const gap = 6;

  let titleH = titleLines.length * lineH + gap;
  let barsH = barRows * lineH + gap;
  let updateH = updateLines.length * lineH;
  let notesShown = noteLines.length;
  const notesH = (): number => noteLines.slice(0, notesShown).reduce((s, n) => s + n.length * lineH, 0);
  const minGraph = lineH * 3 + 24;

  // The labels of the path are placed in the graph; those that find no room follow it as text,
  // numbered as a badge on the path is. A fixed height reserves lines under the graph for them: none
  // at first, then as many as the last try left out, until a try leaves out no more than were
  // reserved (a shorter graph leaves more out, so this may not settle). Where it does not within
  // three tries, or the graph left is too short to hold a label, every label follows the graph as
  // text, unnumbered: a label is never lost for want of room to place it. At its natural height the
  // graph keeps its height whatever follows it, so one try is enough.
  let overflowLines: OverflowItem[][];
  let graphTop: number;
  let graphH: number;
  let placed: TextBox[];
  let nodes: ChainNode[];
  let lines: ChainLine[];
  let colX: number[];
  let midY: number;
  let height = natural ? 0 : size.height;
  let reserved = 0;
  let labelled = true;
  /** Every label, unnumbered, as the lines that follow a graph that places none. */
  let asText: OverflowItem[][] | null = null;
  let texts: (() => OverflowItem[][]) | null = null;
  for (let attempt = 0; ; attempt++) {
    const overflowH = reserved * lineH + (reserved ? gap : 0);
    if (natural) {
      graphH = idealGraph;
    } else {
      // Too little room: the update goes first (its numbers are the table's too), then the notes,
      // last first (they say why a gradient vanished: what a lesson points at), then the bars, then
      // the title.
      const rest = (): number => titleH + overflowH + barsH + updateH + gap + notesH() + PAD;
      if (height - rest() < minGraph) updateH = 0;
      while (height - rest() < minGraph && notesShown > 0) notesShown--;
      if (height - rest() < minGraph) barsH = 0;
      if (height - rest() < minGraph) titleH = 0;
      graphH = Math.max(0, height - rest());
    }
    graphTop = titleH > 0 ? titleH + 2 : PAD / 2;
    const g = graph(graphTop, graphH, labelled);
    texts = g.asText ?? texts;
    placed = g.boxes;
    nodes = g.nodes;
    lines = g.lines;
    colX = g.colX;
    midY = g.midY;
    if (natural) {
      overflowLines = g.overflow;
      break;
    }
    if (!labelled) {
      // A graph too short to draw keeps its room: a line of text less at a time.
      if (g.colX.length === 0 && reserved > 0) {
        reserved--;
        continue;
      }
      overflowLines = (asText ?? []).slice(0, reserved);
      break;
    }
    if (g.overflow.length <= reserved && g.colX.length > 0) {
      overflowLines = g.overflow;
      break;
    }
    if (attempt >= 3 || g.colX.length === 0) {
      // Every label as text (the texts do not depend on the graph's height; one tall enough to
      // draw gives them), under a graph of the room they leave.
      labelled = false;
      asText = (texts ?? (() => graph(graphTop, lineH * 2 + 8, false).overflow))();
      reserved = asText.length;
      continue;
    }
    reserved = g.overflow.length;
  }
  if (!natural) {
    // Lines the height cannot hold (when even the title went and the graph has none left) are cut.
    const end = (n: number): number =>
      graphTop + graphH + gap + n * lineH + barsH + updateH + notesH() + PAD / 2;
    while (overflowLines.length > 0 && end(overflowLines.length) > height)
      overflowLines = overflowLines.slice(0, -1);
  } else {
    const overflowH = overflowLines.length * lineH + (overflowLines.length ? gap : 0);
    height = titleH + graphH + overflowH + barsH + updateH + gap + notesH() + PAD;
  }

  // Text rows, top to bottom.
  let y = PAD / 2;
  if (titleH > 0) {
    for (const t of titleLines) {
      boxes.push({ x: PAD, y, w: tw(t), h: lineH, text: t, kind: 'title', tone: 'fg', col: -1, back: false });
      y += lineH;
    }
  }
  // A badge on the path whose text did not keep its line under the graph (no room left) points at nothing: left out.
  const numbers = new Set(overflowLines.flat().flatMap((it) => (it.marker ? [it.text] : [])));
  boxes.push(...placed.filter((b) => b.kind !== 'marker' || numbers.has(b.text)));
  y = graphTop + graphH;
  if (overflowLines.length > 0) {
    y += gap;
    for (const line of overflowLines) {
      let x = PAD;
      for (const it of line) {
        const w = it.marker ? markerW(it.text) : tw(it.text);
        boxes.push({
          x,
          y,
          w,
          h: lineH,
          text: it.text,
          kind: it.marker ? 'marker' : 'overflow',
          tone: 'fg',
          col: -1,
          back: false,
        });
        x += w + (it.marker ? MARKER_GAP : tw(SEP));
      }
      y += lineH;
    }
  }
  const bars: ChainBar[] = [];
  if (barsH > 0) {
    y += gap;
    normTexts.forEach((t, k) => {
      const x = PAD + (k % perRow) * cellW;
      const yy = y + Math.floor(k / perRow) * lineH;
      const norm = v.layers[k].norm;
      const w = Math.max(1, (barMax * gradientWidth(norm)) / 6);
      bars.push({ x, y: yy + lineH / 2 - 3, w, h: 6, norm });
      boxes.push({
        x: x + barMax + 4,
        y: yy,
        w: tw(t),
        h: lineH,
        text: t,
        kind: 'bar',
        tone: norm === 0 ? 'wrong' : 'fg',
        col: -1,
        back: false,
      });
    });
    y += barRows * lineH;
  }
  if (updateH > 0) {
    for (const t of updateLines) {
      boxes.push({
        x: PAD,
        y,
        w: tw(t),
        h: lineH,
        text: t,
        kind: 'update',
        tone: 'fg',
        col: -1,
        back: false,
      });
      y += lineH;
    }
  }
  y += gap;
  for (const n of noteLines.slice(0, notesShown)) {
    for (const t of n) {
      boxes.push({
        x: PAD,
        y,
        w: tw(t),
        h: lineH,
        text: t,
        kind: 'note',
        tone: 'wrong',
        col: -1,
        back: false,
      });
      y += lineH;
    }
  }
  return { width, height, fontPx, font, lineH, param, cols, colX, midY, boxes, nodes, lines, bars };

  /**
   * The labels that follow the graph, in as few lines as the width allows: each group's badge then
   * its texts (a badge never ends a line without its first text), texts apart by `SEP`.
   */
  function flowOverflow(groups: { marker: string | null; texts: string[] }[]): OverflowItem[][] {
    const out: OverflowItem[][] = [];
    let line: OverflowItem[] = [];
    let x = 0;
    // A pixel to spare: a joined text is measured whole, not as the sum of its parts.
    const room = (): number => textW - 1 - x - (line.length > 0 ? tw(SEP) : 0);
    const push = (): void => {
      if (line.length > 0) out.push(line);
      line = [];
      x = 0;
    };
    for (const g of groups) {
      // A label kept on one line where it fits on one: to the next if it does not fit on this one.
      const whole =
        (g.marker !== null ? markerW(g.marker) + MARKER_GAP : 0) +
        g.texts.reduce((w, t, i) => w + tw(t) + (i > 0 ? tw(SEP) : 0), 0);
      if (line.length > 0 && whole > room() && whole <= textW - 1) push();
      g.texts.forEach((t, i) => {
        const badge = i === 0 && g.marker !== null ? markerW(g.marker) + MARKER_GAP : 0;
        if (line.length > 0 && badge + tw(t) > room()) push();
        if (badge > 0) {
          x += (line.length > 0 ? tw(SEP) : 0) + badge;
          line.push({ text: g.marker!, marker: true });
        }
        // A text wider than a line on its own: wrapped, a line each.
        const pieces = tw(t) <= textW - badge ? [t] : wrapText(t, textW - badge, tw);
        pieces.forEach((piece, k) => {
          if (k > 0) push();
          // Texts of one label joined; another label's start an item of their own.
          const last = line[line.length - 1];
          if (last && !last.marker && (k > 0 || i > 0)) {
            last.text += SEP + piece;
            x += tw(SEP) + tw(piece);
          } else {
            x += (last && !last.marker ? tw(SEP) : 0) + tw(piece);
            line.push({ text: piece, marker: false });
          }
        });
      });
    }
    push();
    return out;
  }

  /** The graph in the band [top, top + h): nodes, lines, column names and the path's labels. */
  function graph(
    top: number,
    h: number,
    /** Whether the path's labels are placed in the graph (else they all follow it, unnumbered). */
    labelled = true,
  ): {
    boxes: TextBox[];
    nodes: ChainNode[];
    lines: ChainLine[];
    colX: number[];
    midY: number;
    overflow: OverflowItem[][];
    /** Every label, unnumbered, as the lines that would follow the graph if none were placed. */
    asText?: () => OverflowItem[][];
  } {
    const out: TextBox[] = [];
    const nodes: ChainNode[] = [];
    const lines: ChainLine[] = [];
    /** The labels that found no room, by spec, each with the number of its badge on the path (null: none). */
    const overflow: { marker: string | null; texts: string[] }[] = [];
    if (h < lineH * 2 + 8) return { boxes: out, nodes, lines, colX: [], midY: top, overflow: [] };
    const nodesTop = top + lineH + 4;
    const nodesBottom = top + h - 2;
    const nodesH = nodesBottom - nodesTop;
    const span = (width - 2 * PAD - 24) / Math.max(1, cols - 1);
    const xs = columns.map((_, c) => PAD + 12 + c * span);
    // Units drawn one by one where they fit at 7 px apart (at most 24), else one bar for the layer.
    const summarised = columns.map((c) => c.count > 1 && (c.count > 24 || nodesH / c.count < 7));
    const drawn = columns.map((c, i) => (summarised[i] ? 1 : c.count));
    const r = Math.max(2.5, Math.min(10 * scale, span * 0.22, ...drawn.map((m) => (nodesH / m) * 0.36)));
    const mid = (nodesTop + nodesBottom) / 2;
    const barTop = nodesTop + r;
    const barBottom = nodesBottom - r;
    /** Centre of unit k of column c (on its summary bar when summarised). */
    const at = (c: number, k: number): { x: number; y: number } => {
      const m = columns[c].count;
      if (summarised[c]) return { x: xs[c], y: barTop + ((k + 0.5) / m) * (barBottom - barTop) };
      const step = Math.min(nodesH / m, 6 * r);
      return { x: xs[c], y: mid + (k - (m - 1) / 2) * step };
    };

    // The path: the parameter's edge, then at every later layer the unit its gradient mostly comes through.
    const path: { col: number; k: number }[] = [];
    if (p.j >= 0) path.push({ col: p.l, k: p.j });
    path.push({ col: p.l + 1, k: p.o });
    for (let l = p.l + 1; l <= last; l++) {
      const prev = path[path.length - 1].k;
      const layer = v.layers[l];
      let best = 0;
      for (let k = 1; k < layer.W.length; k++) {
        if (Math.abs(layer.W[k][prev] * layer.gradB[k]) > Math.abs(layer.W[best][prev] * layer.gradB[best]))
          best = k;
      }
      path.push({ col: l + 1, k: best });
    }
    const zk = path[path.length - 1].k;
    let yc = zk;
    if (!mean) {
      if (K > 1) {
        // Softmax couples z_k to every ŷ_c: the path follows the ŷ its gradient comes through (for NLL, ŷ_y).
        const contrib = (c: number): number => Math.abs(v.dLdyhat[c] * v.jacobian[c * K + zk]);
        yc = 0;
        for (let c = 1; c < K; c++) if (contrib(c) > contrib(yc)) yc = c;
      }
      path.push({ col: zCol + 1, k: yc }, { col: zCol + 2, k: 0 });
    }
    path.push({ col: cols - 1, k: 0 });
    const onPath = (c: number, k: number): boolean => path.some((q) => q.col === c && q.k === k);

    // Nodes.
    columns.forEach((c, ci) => {
      if (summarised[ci]) {
        nodes.push({
          x: xs[ci],
          y: mid,
          r,
          col: ci,
          count: c.count,
          h: barBottom - barTop + 2 * r,
          k: -1,
          onPath: false,
        });
        for (const q of path)
          if (q.col === ci) nodes.push({ ...at(ci, q.k), r, col: ci, count: 1, h: 0, k: q.k, onPath: true });
      } else {
        for (let k = 0; k < c.count; k++)
          nodes.push({ ...at(ci, k), r, col: ci, count: 1, h: 0, k, onPath: onPath(ci, k) });
      }
    });

    // Lines: the weight layers (one line per weight, or per unit or layer where summarised)…
    const norm2 = (a: number[]): number => Math.sqrt(a.reduce((s, g) => s + g * g, 0));
    for (let l = 0; l < L; l++) {
      const layer = v.layers[l];
      const nout = layer.W.length;
      const nin = layer.W[0].length;
      const sa = summarised[l];
      const sb = summarised[l + 1];
      const line = (
        a: { x: number; y: number },
        b: { x: number; y: number },
        grad: number,
        weight: number | null,
        param: number,
        on: boolean,
      ): void => {
        lines.push({ x1: a.x + r, y1: a.y, x2: b.x - r, y2: b.y, col: l, grad, weight, param, onPath: on });
      };
      if (!sa && !sb) {
        for (let o = 0; o < nout; o++)
          for (let j = 0; j < nin; j++)
            line(at(l, j), at(l + 1, o), layer.gradW[o][j], layer.W[o][j], paramIndex(v, l, o, j), false);
      } else if (sa && !sb) {
        for (let o = 0; o < nout; o++)
          line({ x: xs[l], y: mid }, at(l + 1, o), norm2(layer.gradW[o]), null, -1, false);
      } else if (!sa && sb) {
        for (let j = 0; j < nin; j++)
          line(at(l, j), { x: xs[l + 1], y: mid }, norm2(layer.gradW.map((row) => row[j])), null, -1, false);
      } else {
        line({ x: xs[l], y: mid }, { x: xs[l + 1], y: mid }, norm2(layer.gradW.flat()), null, -1, false);
      }
      // The path's edge through this layer, drawn on top.
      const i = path.findIndex((q) => q.col === l);
      if (i >= 0 && path[i + 1]?.col === l + 1) {
        const j = path[i].k;
        const o = path[i + 1].k;
        line(at(l, j), at(l + 1, o), layer.gradW[o][j], layer.W[o][j], paramIndex(v, l, o, j), true);
      }
    }
    // …then z → ŷ (softmax: every z to every ŷ, the coupling the gradient flows through), ŷ → L, L → J.
    const plain = (
      a: { x: number; y: number },
      b: { x: number; y: number },
      col: number,
      grad: number,
      on: boolean,
    ): void => {
      lines.push({
        x1: a.x + r,
        y1: a.y,
        x2: b.x - r,
        y2: b.y,
        col,
        grad,
        weight: null,
        param: -1,
        onPath: on,
      });
    };
    const dz = summarised[zCol];
    if (mean) {
      for (let k = 0; k < (dz ? 1 : K); k++)
        plain(dz ? { x: xs[zCol], y: mid } : at(zCol, k), at(cols - 1, 0), zCol, 1, false);
      plain(at(zCol, zk), at(cols - 1, 0), zCol, 1, true);
    } else {
      if (K > 1 && !dz) {
        // Only the ŷ that L depends on (for NLL, ŷ_y alone) pass gradient back: the others have no edge to L.
        for (let c = 0; c < K; c++) {
          if (v.dLdyhat[c] === 0) continue;
          for (let k = 0; k < K; k++)
            plain(at(zCol, k), at(zCol + 1, c), zCol, v.dLdyhat[c] * v.jacobian[c * K + k], false);
          plain(at(zCol + 1, c), at(zCol + 2, 0), zCol + 1, v.dLdyhat[c], false);
        }
      } else if (K === 1) {
        plain(at(zCol, 0), at(zCol + 1, 0), zCol, v.dLdz[0], false);
        plain(at(zCol + 1, 0), at(zCol + 2, 0), zCol + 1, v.dLdyhat[0], false);
      } else {
        plain({ x: xs[zCol], y: mid }, { x: xs[zCol + 1], y: mid }, zCol, norm2(v.dLdz), false);
        plain({ x: xs[zCol + 1], y: mid }, at(zCol + 2, 0), zCol + 1, norm2(v.dLdyhat), false);
      }
      plain(at(zCol, zk), at(zCol + 1, yc), zCol, v.dLdyhat[yc] * v.jacobian[yc * K + zk], true);
      plain(at(zCol + 1, yc), at(zCol + 2, 0), zCol + 1, v.dLdyhat[yc], true);
      plain(at(zCol + 2, 0), at(cols - 1, 0), zCol + 2, 1 / v.n, true);
    }

    // Column names along the top (with the width of a summarised layer when there is room).
    const taken: Rect[] = [];
    columns.forEach((c, ci) => {
      const names = summarised[ci] ? [`${c.name} (${c.count})`, c.name] : [c.name];
      for (const t of names) {
        const w = tw(t);
        const box = { x: Math.max(PAD, Math.min(width - PAD - w, xs[ci] - w / 2)), y: top, w, h: lineH };
        if (box.x + w <= width - PAD && !taken.some((b) => intersects(b, box))) {
          taken.push(box);
          out.push({ ...box, text: t, kind: 'column', tone: 'muted', col: ci, back: false });
          break;
        }
      }
    });
    // Every unit (and a summarised layer's bar) is an obstacle for the labels, and so is the path's
    // line: labels may cross only the thin lines of the other weights (on their background).
    for (const n of nodes) {
      const hh = n.count > 1 ? n.h / 2 : n.r;
      taken.push({ x: n.x - n.r - 1, y: n.y - hh - 1, w: 2 * n.r + 2, h: 2 * hh + 2 });
    }
    const pathLines = lines.filter((e) => e.onPath);
    const region = { x: PAD / 2, y: nodesTop - 2, w: width - PAD, h: nodesBottom - nodesTop + 4 };
    const inside = (b: Rect): boolean =>
      b.x >= region.x &&
      b.y >= region.y &&
      b.x + b.w <= region.x + region.w &&
      b.y + b.h <= region.y + region.h;
    interface Spec {
      lines: string[];
      col: number;
      back: boolean[];
      tone: 'fg' | 'muted';
      /** Candidate top-left corners for a block w × h. */
      spots: (w: number, h: number) => { x: number; y: number }[];
    }
    const nodeSpots = (pt: { x: number; y: number }) => (w: number, hh: number) => [
      { x: pt.x - w / 2, y: pt.y - r - 3 - hh },
      { x: pt.x - w / 2, y: pt.y + r + 3 },
      { x: pt.x + r + 4, y: pt.y - hh / 2 },
      { x: pt.x - r - 4 - w, y: pt.y - hh / 2 },
      { x: pt.x + r, y: pt.y - r - hh },
      { x: pt.x + r, y: pt.y + r },
      { x: pt.x - r - w, y: pt.y - r - hh },
      { x: pt.x - r - w, y: pt.y + r },
    ];
    const edgeSpots = (a: { x: number; y: number }, b: { x: number; y: number }) => (w: number, hh: number) =>
      [0.5, 0.35, 0.65, 0.2, 0.8].flatMap((t) => {
        const x = a.x + (b.x - a.x) * t;
        const y = a.y + (b.y - a.y) * t;
        // Beside a sloping line, the corners it does not pass through: above-right and below-left
        // of a line falling to the right, above-left and below-right of a rising one.
        const falls = b.y > a.y;
        return [
          { x: x - w / 2, y: y - hh - 3 },
          { x: x - w / 2, y: y + 3 },
          ...(a.y === b.y
            ? []
            : falls
              ? [
                  { x: x + 3, y: y - hh - 3 },
                  { x: x - w - 3, y: y + 3 },
                ]
              : [
                  { x: x - w - 3, y: y - hh - 3 },
                  { x: x + 3, y: y + 3 },
                ]),
          { x: x - w / 2, y: y - hh - 3 - lineH },
          { x: x - w / 2, y: y + 3 + lineH },
          // On the line itself: only a badge may go there (a label must not hide the path).
          { x: x - w / 2, y: y - hh / 2 },
        ];
      });
    const specs: Spec[] = [];
    const nm = (ci: number, k: number): string => {
      const c = columns[ci];
      return c.kind === 'L' || c.kind === 'J' ? c.name : subName(c.name, c.count, k);
    };
    const value = (ci: number, k: number): number | null => {
      if (mean) return ci === cols - 1 ? v.J : null;
      if (ci < zCol) return v.acts[ci][k];
      if (ci === zCol) return v.z[k];
      if (ci === zCol + 1) return v.yhat[k];
      return ci === zCol + 2 ? v.L : v.J;
    };
    /** ∂L/∂(unit k of hidden layer ci): Σ_o W_{ci}[o][k] δ_{ci+1}[o] (δ is ∂L/∂b). */
    const dLdh = (ci: number, k: number): number =>
      v.layers[ci].W.reduce((s, row, o) => s + row[k] * v.layers[ci].gradB[o], 0);
    const dFn = unitOf(v.unit).derSymbol;
    const dL = mean ? '∂J' : '∂L';
    // 1. The parameter itself, on its edge (a bias: beside its unit).
    const src = p.j >= 0 ? at(p.l, p.j) : null;
    const dst = at(p.l + 1, p.o);
    const tgt = nm(p.l + 1, p.o);
    const local = p.j >= 0 ? (mean ? null : v.acts[p.l][p.j]) : 1;
    const localText =
      local === null ? null : p.l === last ? `∂${tgt}/∂θ = ${sci(local)}` : `∂${tgt}/∂θ = g′·${paren(local)}`;
    specs.push({
      lines: [
        `θ = ${pName} = ${sci(pValue)}`,
        ...(localText ? [localText] : []),
        `${dL}/∂θ = ${sci(p.j < 0 ? v.layers[p.l].gradB[p.o] : v.layers[p.l].gradW[p.o][p.j])}`,
      ],
      col: p.l,
      back: [false, ...(localText ? [false] : []), true],
      tone: 'fg',
      spots: src ? edgeSpots(src, dst) : nodeSpots(dst),
    });
    if (!mean) {
      // 2. The output side: z, ŷ, L, J and the factors between them.
      const zName = nm(zCol, zk);
      const yName = nm(zCol + 1, yc);
      specs.push({
        lines: [`${zName} = ${sci(v.z[zk])}`, `∂L/∂${zName} = ${sci(v.dLdz[zk])}`],
        col: zCol,
        back: [false, true],
        tone: 'fg',
        spots: nodeSpots(at(zCol, zk)),
      });
      specs.push({
        lines: [
          K > 1 ? `∂${yName}/∂${zName} = ${sci(v.jacobian[yc * K + zk])}` : `${dFn} = ${sci(v.dyhatdz[0])}`,
        ],
        col: zCol,
        back: [false],
        tone: 'muted',
        spots: edgeSpots(at(zCol, zk), at(zCol + 1, yc)),
      });
      specs.push({
        lines: [`${yName} = ${sci(v.yhat[yc])}`],
        col: zCol + 1,
        back: [false],
        tone: 'fg',
        spots: nodeSpots(at(zCol + 1, yc)),
      });
      specs.push({
        lines: [`∂L/∂${yName} = ${sci(v.dLdyhat[yc])}`],
        col: zCol + 1,
        back: [false],
        tone: 'muted',
        spots: edgeSpots(at(zCol + 1, yc), at(zCol + 2, 0)),
      });
      specs.push({
        lines: [`L = ${sci(v.L)}`],
        col: zCol + 2,
        back: [false],
        tone: 'fg',
        spots: nodeSpots(at(zCol + 2, 0)),
      });
      specs.push({
        lines: [`× 1/${v.n}`],
        col: zCol + 2,
        back: [false],
        tone: 'muted',
        spots: edgeSpots(at(zCol + 2, 0), at(cols - 1, 0)),
      });
    }
    specs.push({
      lines: [`J = ${sci(v.J)}`],
      col: cols - 1,
      back: [false],
      tone: 'fg',
      spots: nodeSpots(at(cols - 1, 0)),
    });
    if (!mean) {
      // 3. The path's source and hidden units, from the output back.
      for (let i = path.length - 1; i >= 0; i--) {
        const q = path[i];
        if (q.col >= zCol) continue;
        const name = nm(q.col, q.k);
        const val = value(q.col, q.k)!;
        if (q.col === 0 || (p.j >= 0 && i === 0)) {
          specs.push({
            lines: [`${name} = ${sci(val)}`],
            col: q.col,
            back: [false],
            tone: 'fg',
            spots: nodeSpots(at(q.col, q.k)),
          });
          continue;
        }
        specs.push({
          lines: [
            `${name} = ${sci(val)}`,
            `g′ = ${sci(v.gprime[q.col - 1][q.k])}`,
            `∂L/∂${name} = ${sci(dLdh(q.col, q.k))}`,
          ],
          col: q.col,
          back: [false, false, true],
          tone: 'fg',
          spots: nodeSpots(at(q.col, q.k)),
        });
        // The factor from this unit to the next one on the path.
        const nx = path[i + 1];
        const w = v.layers[q.col].W[nx.k][q.k];
        const next = nm(nx.col, nx.k);
        specs.push({
          lines: [nx.col === zCol ? `∂${next}/∂${name} = ${sci(w)}` : `∂${next}/∂${name} = g′·${paren(w)}`],
          col: q.col,
          back: [false],
          tone: 'muted',
          spots: edgeSpots(at(q.col, q.k), at(nx.col, nx.k)),
        });
      }
    }
    // 4. The vector norms of summarised layers.
    columns.forEach((c, ci) => {
      if (!summarised[ci] || mean) return;
      const vec = ci <= zCol ? (ci === zCol ? v.z : v.acts[ci]) : v.yhat;
      specs.push({
        lines: [`‖${c.name}‖ = ${sci(norm2(vec))}`],
        col: ci,
        back: [false],
        tone: 'muted',
        spots: nodeSpots({ x: xs[ci], y: barBottom }),
      });
    });

    /** A block's place among `spots`; `onPath`: a badge, which may sit on the path's line (not on a unit). */
    const tryPlace = (ls: string[], spots: Spec['spots'], width?: number, onPath = false): Rect | null => {
      const w = width ?? Math.max(...ls.map(tw));
      const hh = ls.length * lineH;
      if (w > region.w) return null;
      for (const s of spots(w, hh)) {
        const b = {
          x: Math.max(region.x, Math.min(region.x + region.w - w, s.x)),
          y: s.y,
          w,
          h: hh,
        };
        // A little air between labels, so that neighbours do not read as one (a badge needs less).
        const a = onPath ? 1 : 4;
        const air = { x: b.x - a, y: b.y - 1, w: b.w + 2 * a, h: b.h + 2 };
        if (
          inside(b) &&
          !taken.some((t) => intersects(t, air)) &&
          (onPath || !pathLines.some((e) => crosses(e, air, 2)))
        )
          return b;
      }
      return null;
    };
    const failed: { s: Spec; left: string[] }[] = [];
    const asText = (): OverflowItem[][] => flowOverflow(specs.map((s) => ({ marker: null, texts: s.lines })));
    if (!labelled) return { boxes: out, nodes, lines, colX: xs, midY: mid, overflow: asText() };
    for (const s of specs) {
      const block = tryPlace(s.lines, s.spots);
      if (block) {
        taken.push(block);
        s.lines.forEach((t, i) => {
          const w = tw(t);
          out.push({
            x: block.x + (block.w - w) / 2,
            y: block.y + i * lineH,
            w,
            h: lineH,
            text: t,
            kind: 'label',
            tone: i === 0 ? s.tone : 'muted',
            col: s.col,
            back: s.back[i],
          });
        });
        continue;
      }
      // No room for the block: line by line, and what still has none follows the graph as text.
      const left: string[] = [];
      s.lines.forEach((t, i) => {
        const b = tryPlace([t], s.spots);
        if (b) {
          taken.push(b);
          out.push({ ...b, text: t, kind: 'label', tone: s.tone, col: s.col, back: s.back[i] });
        } else left.push(t);
      });
      if (left.length > 0) failed.push({ s, left });
    }
    // Where a text would have gone, a numbered badge (once every label that fits is placed, so that
    // badges take no label's room); the same number before the text under the graph.
    const badged: { box: TextBox; texts: string[] }[] = [];
    for (const { s, left } of failed) {
      const n = String(badged.length + 1);
      const badge = tryPlace([n], s.spots, markerW(n), true);
      if (badge) {
        taken.push(badge);
        const box: TextBox = { ...badge, text: n, kind: 'marker', tone: 'fg', col: s.col, back: false };
        out.push(box);
        badged.push({ box, texts: left });
      } else overflow.push({ marker: null, texts: left });
    }
    // Numbered along the path, left to right, and listed in that order (one digit each: same widths).
    if (badged.length <= 9) {
      badged.sort((a, b) => a.box.x - b.box.x || a.box.y - b.box.y);
      badged.forEach((b, i) => (b.box.text = String(i + 1)));
    }
    const joined = flowOverflow([
      ...badged.map((b) => ({ marker: b.box.text, texts: b.texts })),
      ...overflow,
    ]);
    return { boxes: out, nodes, lines, colX: xs, midY: mid, overflow: joined, asText };
  }
}

/** The height the diagram needs at `width` (its graph at its natural height). */
export function chainHeight(
  v: ChainView,
  width: number,
  theme: Pick<DrawTheme, 't'>,
  measure: Measure,
  opts: ChainOptions = {},
): number {
  return Math.ceil(layoutChain(v, { width, height: NaN }, theme, measure, opts).height);
}

/**
 * Text widths already measured, per canvas and font: the diagram is laid out every frame with
 * mostly the same strings (names, wrapped notes and their prefixes), and measuring text is the
 * slowest call a layout makes. Keyed on the context's canvas, so that a guard in front of the
 * context (a new one per frame) still finds the widths; cleared when it grows large. The labels'
 * numbers change every frame but rarely their shape: digits are kept apart in the key only by
 * position (the app's fonts set digits at one width, tabular), so "J = 0.4213" and "J = 0.3907"
 * share one measurement.
 */
const MEASURED = new WeakMap<object, Map<string, number>>();
const MEASURED_MAX = 20_000;
const DIGITS = /[0-9]/g;

/** A Measure on a canvas context (the font set only when it changes; widths remembered per canvas). */
export function contextMeasure(ctx: CanvasRenderingContext2D): Measure {
  let current = '';
  const owner = (ctx.canvas as object | undefined) ?? ctx;
  let known = MEASURED.get(owner);
  if (!known) MEASURED.set(owner, (known = new Map()));
  const cache = known;
  const raw = (text: string, font: string): number => {
    if (font !== current) {
      ctx.font = font;
      current = font;
    }
    return ctx.measureText(text).width;
  };
  /** Whether the font's ten digits have one width (checked once per font; if not, no digit sharing). */
  const tabular = (font: string): boolean => {
    const key = `${font}\u0000#tabular`;
    let t = cache.get(key);
    if (t === undefined) {
      const w0 = raw('0', font);
      t = [...'123456789'].every((d) => Math.abs(raw(d, font) - w0) < 1e-6) ? 1 : 0;
      cache.set(key, t);
    }
    return t === 1;
  };
  return (text, font) => {
    const key = `${font}\u0000${tabular(font) ? text.replace(DIGITS, '0') : text}`;
    const hit = cache.get(key);
    if (hit !== undefined) return hit;
    const w = raw(text, font);
    if (cache.size >= MEASURED_MAX) cache.clear();
    cache.set(key, w);
    return w;
  };
}

export function drawChain(
  ctx: CanvasRenderingContext2D,
  v: ChainView,
  size: Size,
  theme: DrawTheme,
  anim: ChainAnimation = { phase: 3, t: 1 },
  /** Filled with every weight edge drawn and its parameter's index (for clicks). */
  edges?: ChainEdge[],
  opts: ChainOptions = {},
): ChainLayout {
  const { width, height } = size;
  ctx.save();
  const lay = layoutChain(v, size, theme, contextMeasure(ctx), opts);
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  ctx.font = lay.font;
  ctx.textBaseline = 'middle';
  ctx.textAlign = 'left';
  const cols = lay.cols;

  // How far the sweeps have gone: forward reveals columns left to right; backward colours edges right to left.
  const forwardUpTo = anim.phase === 0 ? anim.t * (cols - 1) : cols;
  const backFrom = anim.phase < 2 ? Infinity : anim.phase === 2 ? (1 - anim.t) * (cols - 1) : -1;

  // Lines: the path last, on top.
  const many = lay.lines.length > 60;
  const stroke = (e: ChainLine): void => {
    if (e.col + 1 > forwardUpTo) return;
    ctx.save();
    if (e.col + 1 > backFrom) {
      const w = gradientWidth(e.grad);
      if (w === 0) {
        ctx.setLineDash([3, 3]);
        ctx.strokeStyle = theme.wrong;
        ctx.lineWidth = e.onPath ? 1.6 : 0.8;
      } else {
        ctx.strokeStyle = theme.foreground;
        ctx.globalAlpha = e.onPath ? 1 : 0.1 + 0.45 * Math.min(1, w / 6);
        ctx.lineWidth = e.onPath ? Math.max(1.8, w) : many ? w * 0.35 : w * 0.6;
      }
    } else {
      ctx.strokeStyle = e.weight === null ? theme.muted : e.weight >= 0 ? theme.classes[1] : theme.classes[0];
      ctx.globalAlpha = e.onPath ? 0.95 : many ? 0.25 : 0.45;
      ctx.lineWidth = e.onPath ? 2 : e.weight === null ? 0.8 : 0.5 + Math.min(2, Math.abs(e.weight) / 3);
    }
    ctx.beginPath();
    ctx.moveTo(e.x1, e.y1);
    ctx.lineTo(e.x2, e.y2);
    ctx.stroke();
    ctx.restore();
  };
  for (const e of lay.lines) if (!e.onPath) stroke(e);
  for (const e of lay.lines) {
    if (!e.onPath || e.col + 1 > forwardUpTo) continue;
    // A halo under the path.
    ctx.save();
    ctx.strokeStyle = theme.heat[1];
    ctx.lineWidth = 7;
    ctx.globalAlpha = 0.7;
    ctx.beginPath();
    ctx.moveTo(e.x1, e.y1);
    ctx.lineTo(e.x2, e.y2);
    ctx.stroke();
    ctx.restore();
  }
  for (const e of lay.lines) if (e.onPath) stroke(e);
  for (const e of lay.lines)
    if (e.param >= 0) edges?.push({ x1: e.x1, y1: e.y1, x2: e.x2, y2: e.y2, param: e.param });
  // A unit stands for its bias: a click on it picks b.
  for (const n of lay.nodes) {
    if (n.k >= 0 && n.col >= 1 && n.col <= v.layers.length)
      edges?.push({ x1: n.x, y1: n.y, x2: n.x, y2: n.y, param: paramIndex(v, n.col - 1, n.k, -1) });
  }

  // Nodes (a summarised layer: one bar), revealed by the forward sweep.
  for (const n of lay.nodes) {
    const shown = n.col <= forwardUpTo;
    ctx.fillStyle = n.onPath ? theme.heat[1] : theme.background;
    ctx.strokeStyle = shown ? theme.foreground : theme.grid;
    ctx.lineWidth = n.onPath ? 2 : 1.2;
    ctx.beginPath();
    if (n.count > 1) {
      const top = n.y - n.h / 2 + n.r;
      const bottom = n.y + n.h / 2 - n.r;
      ctx.arc(n.x, top, n.r, Math.PI, 0);
      ctx.lineTo(n.x + n.r, bottom);
      ctx.arc(n.x, bottom, n.r, 0, Math.PI);
      ctx.closePath();
    } else ctx.arc(n.x, n.y, n.r, 0, 2 * Math.PI);
    ctx.fill();
    ctx.stroke();
  }
  if (anim.phase === 1) {
    // The loss is being computed: L and J ringed.
    ctx.strokeStyle = theme.wrong;
    ctx.lineWidth = 2;
    for (const n of lay.nodes.slice(-2)) {
      ctx.beginPath();
      ctx.arc(n.x, n.y, n.r + 2, 0, 2 * Math.PI);
      ctx.stroke();
    }
  }
  if (anim.phase === 2 && lay.colX.length > 0) {
    const c = (1 - anim.t) * (cols - 1);
    const i = Math.min(cols - 2, Math.floor(c));
    const x = lay.colX[i] + (c - i) * (lay.colX[i + 1] - lay.colX[i]);
    ctx.fillStyle = theme.wrong;
    ctx.globalAlpha = 0.8;
    ctx.beginPath();
    ctx.arc(x, lay.midY, 5, 0, 2 * Math.PI);
    ctx.fill();
    ctx.globalAlpha = 1;
  }

  // The bars of the per-layer gradient norms.
  for (const b of lay.bars) {
    ctx.fillStyle = b.norm === 0 ? theme.wrong : theme.muted;
    ctx.fillRect(b.x, b.y, b.w, b.h);
  }

  // Text: labels on a background, so that the lines they cross do not hide them.
  for (const b of lay.boxes) {
    if (b.col >= 0 && b.col > forwardUpTo) continue;
    if (b.back && !(b.col + 1 > backFrom)) continue;
    if (b.kind === 'marker') {
      // A badge in the path's colour, its number on it.
      const r = Math.min(b.h / 2 - 1, b.w / 2);
      ctx.save();
      ctx.fillStyle = theme.heat[1];
      ctx.strokeStyle = theme.foreground;
      ctx.lineWidth = 1;
      ctx.beginPath();
      ctx.moveTo(b.x + r, b.y + 1);
      ctx.lineTo(b.x + b.w - r, b.y + 1);
      ctx.arc(b.x + b.w - r, b.y + b.h / 2, r, -Math.PI / 2, Math.PI / 2);
      ctx.lineTo(b.x + r, b.y + b.h - 1);
      ctx.arc(b.x + r, b.y + b.h / 2, r, Math.PI / 2, (3 * Math.PI) / 2);
      ctx.closePath();
      ctx.fill();
      ctx.stroke();
      ctx.restore();
      ctx.fillStyle = theme.foreground;
      ctx.fillText(b.text, b.x + MARKER_PAD, b.y + b.h / 2);
      continue;
    }
    if (b.kind === 'label') {
      ctx.save();
      ctx.globalAlpha = 0.92;
      ctx.fillStyle = theme.background;
      ctx.fillRect(b.x - 1, b.y + 1, b.w + 2, b.h - 2);
      ctx.restore();
    }
    ctx.fillStyle =
      b.kind === 'update' && anim.phase !== 3
        ? theme.muted
        : b.tone === 'wrong'
          ? theme.wrong
          : b.tone === 'muted'
            ? theme.muted
            : theme.foreground;
    ctx.fillText(b.text, b.x, b.y + b.h / 2);
  }
  ctx.restore();
  return lay;
}

/** The step used a mini-batch, not the whole training set. */
export function batched(s: ChainStep): boolean {
  return s.batch.size < s.n;
}

/** The catalogue's parameters for the batch line (positions counted from 1). */
export function batchParams(s: ChainStep) {
  return {
    size: s.batch.size,
    n: s.n,
    from: s.batch.from + 1,
    to: s.batch.from + s.batch.size,
    epoch: s.batch.epoch + 1,
  };
}
