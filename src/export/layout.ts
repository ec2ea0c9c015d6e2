/**
 * Where each panel of an export goes. Without a height the panels are one
 * column at their natural heights; with one, they fill the frame: in one, two
 * or three columns (in order, top to bottom then left to right), whichever
 * stretches the panels least from their natural heights, each column's rows
 * scaled to the frame's height.
 */
import { panelHeight, type ViewPanel } from '../draw/view';

export interface Cell {
  x: number;
  y: number;
  width: number;
  height: number;
}

/** Narrowest column worth drawing a panel in (CSS px). */
export const MIN_COLUMN = 300;

/** The width (CSS px) below which a panel's labels start to crowd. */
function wanted(panel: ViewPanel, variants: number): number {
  const n = Math.max(1, variants);
  switch (panel) {
    case 'data':
      return 220 * n;
    case 'surface':
      return 240 * n;
    case 'chain':
      return 420;
    case 'units':
      return 540;
    case 'curves':
      return 440;
  }
}

/** Splits of [0, k) into c contiguous non-empty groups, as their end indices. */
function splits(k: number, c: number): number[][] {
  if (c === 1) return [[k]];
  const out: number[][] = [];
  for (let first = 1; first <= k - c + 1; first++)
    for (const rest of splits(k - first, c - 1)) out.push([first, ...rest.map((e) => e + first)]);
  return out;
}

/** Rows of natural heights `natural` scaled to fill `height`, in whole pixels adding up to it. */
function fill(natural: number[], height: number): number[] {
  const total = natural.reduce((a, b) => a + b, 0);
  const rows = natural.map((h) => Math.floor((h * height) / total));
  rows[rows.length - 1] += height - rows.reduce((a, b) => a + b, 0);
  return rows;
}

/** How much the best layout stretches the panels from their natural heights (0: not at all). */
export function layoutScore(
  panels: readonly ViewPanel[],
  width: number,
  height: number,
  variants: number,
): number {
  return bestSplit(panels, width, height, variants).score;
}

function bestSplit(
  panels: readonly ViewPanel[],
  width: number,
  height: number,
  variants: number,
): { score: number; ends: number[] } {
  const k = panels.length;
  let best: { score: number; ends: number[] } | null = null;
  for (let c = 1; c <= Math.min(3, k); c++) {
    const w = width / c;
    if (c > 1 && w < MIN_COLUMN) break;
    for (const ends of splits(k, c)) {
      let score = 0;
      let start = 0;
      for (const end of ends) {
        const natural = panels.slice(start, end).map((p) => panelHeight(p, w, variants));
        const total = natural.reduce((a, b) => a + b, 0);
        // Each panel stretched (or squeezed) by height / total: its cost is |log| of that.
        score += (end - start) * Math.abs(Math.log(height / total));
        // And each panel narrower than it reads well at.
        for (const p of panels.slice(start, end)) score += Math.max(0, Math.log(wanted(p, variants) / w));
        start = end;
      }
      if (!best || score < best.score - 1e-9) best = { score, ends };
    }
  }
  return best ?? { score: 0, ends: [k] };
}

/** The panels' cells in a frame `width` wide and `height` high (null: one column at natural heights). */
export function layoutPanels(
  panels: readonly ViewPanel[],
  width: number,
  height: number | null,
  variants: number,
): Cell[] {
  const k = panels.length;
  if (k === 0) return [];
  if (height === null) {
    let y = 0;
    return panels.map((p) => {
      const h = panelHeight(p, width, variants);
      const cell = { x: 0, y, width, height: h };
      y += h;
      return cell;
    });
  }
  const ends = bestSplit(panels, width, height, variants).ends;
  const cells: Cell[] = [];
  let start = 0;
  ends.forEach((end, j) => {
    const x0 = Math.round((j * width) / ends.length);
    const x1 = Math.round(((j + 1) * width) / ends.length);
    const group = panels.slice(start, end);
    const rows = fill(
      group.map((p) => panelHeight(p, x1 - x0, variants)),
      height,
    );
    let y = 0;
    for (const h of rows) {
      cells.push({ x: x0, y, width: x1 - x0, height: h });
      y += h;
    }
    start = end;
  });
  return cells;
}
