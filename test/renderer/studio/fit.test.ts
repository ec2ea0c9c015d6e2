import { describe, expect, it } from 'vitest';
import { fitHeights, scenePanels } from '../../../src/renderer/src/studio/fit';
import {
  defaultLayout,
  MIN_PANEL_HEIGHT,
  PANEL_IDS,
  type PanelId,
} from '../../../src/renderer/src/studio/layout';

describe("a lesson's scene in the workspace", () => {
  it('shows exactly the named panels at their default sizes, two small ones to a row', () => {
    const before = defaultLayout().panels;
    before.data = { visible: true, height: 700, wide: false };
    before.file = { visible: true, height: 500, wide: true };
    const p = scenePanels(before, ['data', 'curves', 'status']);
    expect(PANEL_IDS.filter((id) => p[id].visible)).toEqual(['data', 'curves', 'status']);
    expect(p.data).toEqual({ ...defaultLayout().panels.data, visible: true, wide: true });
    expect(p.curves.wide).toBe(false);
    expect(p.status.wide).toBe(false);
    // A hidden panel keeps its size for later.
    expect(p.file).toEqual({ visible: false, height: 500, wide: true });
    // One small panel alone spans its row.
    expect(scenePanels(before, ['chain', 'surface']).surface.wide).toBe(true);
  });

  it('shares the room missing (or left over) among the rows holding a resizable drawing', () => {
    const h: Record<PanelId, number> = { ...Object.fromEntries(PANEL_IDS.map((id) => [id, 300])) } as Record<
      PanelId,
      number
    >;
    h.chain = 560;
    // Two rows can give room (data; curves beside status); the chain's row cannot.
    const rows: PanelId[][] = [['data'], ['chain'], ['curves', 'status']];
    expect(fitHeights(rows, (id) => h[id], 100)).toEqual({ data: 250, curves: 250 });
    expect(fitHeights(rows, (id) => h[id], -100)).toEqual({ data: 350, curves: 350 });
    // Never below the smallest panel, never above 900 px; an unchanged height is not returned.
    expect(fitHeights(rows, (id) => h[id], 1000)).toEqual({
      data: MIN_PANEL_HEIGHT,
      curves: MIN_PANEL_HEIGHT,
    });
    expect(fitHeights([['data']], () => MIN_PANEL_HEIGHT, 50)).toEqual({});
    expect(fitHeights([['data']], () => 890, -50)).toEqual({ data: 900 });
    expect(fitHeights([['chain'], ['status']], (id) => h[id], 100)).toEqual({});
  });
});
