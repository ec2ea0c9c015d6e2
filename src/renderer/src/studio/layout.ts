/**
 * The studio's panel layout: which panels show, how tall each is, whether it
 * spans both columns, and the editor's width. Remembered with the autosave.
 */
export const PANEL_IDS = ['data', 'chain', 'surface', 'units', 'curves', 'status', 'file'] as const;
export type PanelId = (typeof PANEL_IDS)[number];

export interface PanelLayout {
  visible: boolean;
  /** Height in CSS pixels. */
  height: number;
  /** Spans both columns of the grid. */
  wide: boolean;
}

export interface Layout {
  /** The editor's width in CSS pixels; 0 hides it. */
  editor: number;
  panels: Record<PanelId, PanelLayout>;
}

export const MIN_PANEL_HEIGHT = 120;
export const MAX_PANEL_HEIGHT = 2000;
export const MIN_EDITOR = 240;
export const MAX_EDITOR = 720;

export function defaultLayout(): Layout {
  return {
    editor: 330,
    panels: {
      data: { visible: true, height: 270, wide: true },
      chain: { visible: true, height: 560, wide: true },
      surface: { visible: false, height: 340, wide: true },
      units: { visible: false, height: 640, wide: true },
      curves: { visible: true, height: 390, wide: false },
      status: { visible: true, height: 390, wide: false },
      file: { visible: false, height: 360, wide: true },
    },
  };
}

const clamp = (v: number, lo: number, hi: number): number => Math.min(hi, Math.max(lo, v));

/** A remembered layout, checked field by field: anything unreadable falls back to the default. */
export function readLayout(raw: unknown): Layout {
  const layout = defaultLayout();
  if (typeof raw !== 'object' || raw === null) return layout;
  const o = raw as Record<string, unknown>;
  if (typeof o.editor === 'number' && Number.isFinite(o.editor))
    layout.editor = o.editor === 0 ? 0 : clamp(o.editor, MIN_EDITOR, MAX_EDITOR);
  const panels = (typeof o.panels === 'object' && o.panels) || {};
  for (const id of PANEL_IDS) {
    const p = (panels as Record<string, unknown>)[id];
    if (typeof p !== 'object' || p === null) continue;
    const q = p as Record<string, unknown>;
    if (typeof q.visible === 'boolean') layout.panels[id].visible = q.visible;
    if (typeof q.wide === 'boolean') layout.panels[id].wide = q.wide;
    if (typeof q.height === 'number' && Number.isFinite(q.height))
      layout.panels[id].height = clamp(Math.round(q.height), MIN_PANEL_HEIGHT, MAX_PANEL_HEIGHT);
  }
  return layout;
}

/**
 * Columns of a panel's variants at `width` px: all n side by side when each gets `min` px, else two
 * by two, else one column (never 3 + 1: a row is full or the grid is regular).
 */
export function variantColumns(width: number, n: number, min = 200, gap = 10): number {
  if (n <= 1) return 1;
  const fits = (c: number): boolean => c * min + (c - 1) * gap <= width;
  if (fits(n)) return n;
  if (n % 2 === 0 && fits(2)) return 2;
  return 1;
}

/** The text zoom of a panel in focus (projector) mode. */
export const FOCUS_ZOOM = 1.5;

/** A panel shown if hidden, hidden if shown. */
export function toggled(panel: PanelLayout): PanelLayout {
  return { ...panel, visible: !panel.visible };
}
