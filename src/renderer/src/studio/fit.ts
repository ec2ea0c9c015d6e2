/**
 * A lesson's scene fitted into the workspace: which panels it shows and how, and how the rows
 * holding a resizable drawing share the room (pure: the studio measures, these decide).
 */
import type { LessonPanel } from '../../../lessons/lessons';
import { defaultLayout, type Layout, MIN_PANEL_HEIGHT, PANEL_IDS, type PanelId } from './layout';

/** Panels whose height is the drawing's and can give or take room; the others are as tall as what they hold. */
export const ADJUSTABLE: ReadonlySet<PanelId> = new Set(['data', 'units', 'curves', 'surface']);
/** Panels that share a row when two of them are named. */
export const SMALL: ReadonlySet<PanelId> = new Set(['curves', 'status', 'surface']);
/** The tallest a fitted panel grows. */
const MAX_FIT_HEIGHT = 900;

/**
 * The scene's panels: exactly those named, each at its default size (the small ones two to a row
 * when two are named, else spanning it); the others hidden, as they were.
 */
export function scenePanels(layout: Layout['panels'], panels: readonly LessonPanel[]): Layout['panels'] {
  const d = defaultLayout();
  const small = panels.filter((p) => SMALL.has(p)).length;
  const out = { ...layout };
  for (const id of PANEL_IDS)
    out[id] = panels.includes(id as LessonPanel)
      ? { ...d.panels[id], visible: true, wide: !SMALL.has(id) || small < 2 }
      : { ...layout[id], visible: false };
  return out;
}

/**
 * New heights for the panels, `excess` px too tall (negative: room left over): the rows holding an
 * adjustable panel share it, each row's adjustable panels by the same amount. Only the heights
 * that change are returned.
 */
export function fitHeights(
  rows: readonly (readonly PanelId[])[],
  height: (id: PanelId) => number,
  excess: number,
): Partial<Record<PanelId, number>> {
  const adjustable = rows.filter((r) => r.some((id) => ADJUSTABLE.has(id)));
  const each = excess / Math.max(1, adjustable.length);
  const out: Partial<Record<PanelId, number>> = {};
  for (const row of adjustable)
    for (const id of row)
      if (ADJUSTABLE.has(id)) {
        const h = Math.round(Math.min(MAX_FIT_HEIGHT, Math.max(MIN_PANEL_HEIGHT, height(id) - each)));
        if (h !== height(id)) out[id] = h;
      }
  return out;
}
