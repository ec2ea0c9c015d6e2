import { createCanvas } from '@napi-rs/canvas';
import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { runSimulation } from '../../src/core/simulation';
import { createCurvesRenderer } from '../../src/draw/curves';
import { drawDataView } from '../../src/draw/dataView';
import { LIGHT } from '../../src/draw/theme';
import { buildView, CAPTION, drawView, panelHeight, VIEW_PANELS, worstExample } from '../../src/draw/view';

const sim = runSimulation(DEFAULT_EXPERIMENT);

describe('a whole view at one frame (for export)', () => {
  it('computes every panel from the simulation with the core', () => {
    const v = buildView(sim, 50, { surfaceSize: 16 });
    expect(v.variants.map((x) => x.name)).toEqual([
      'clipped + NLL',
      'sigmoid + MSE',
      'sigmoid + NLL',
      'softmax + NLL',
    ]);
    const w = worstExample(sim);
    for (const [k, x] of v.variants.entries()) {
      expect(x.chain!.example).toBe(w);
      expect(x.chain!.L).toBe(sim.runs[k].details(50).loss[w]);
      expect(x.surface!.trajectory).toHaveLength(2 * 51);
      expect(x.surface!.trajectory[100]).toBe(sim.runs[k].frame(50).params[k === 3 ? 1 : 0]);
      expect(x.data?.saturated).toEqual(sim.runs[k].details(50).saturated);
    }
    expect(v.curves.cursor).toBe(50);
  });

  it('takes the studio’s choices: example, surface pair and 3-D angles, and computes only the panels drawn', () => {
    const v = buildView(sim, 10, {
      example: -1,
      surfaceSize: 8,
      pairs: [[0, 1], null, null, [1, 3]],
      surfaceMode: '3d',
      yaw: 1.1,
      pitch: 0.4,
      panels: ['surface'],
    });
    expect(v.variants[0].surface).toMatchObject({
      mode: '3d',
      yaw: 1.1,
      pitch: 0.4,
      pName: 'W1[0][0]',
      qName: 'b1[0]',
    });
    expect(v.variants[3].surface!.trajectory[0]).toBe(sim.runs[3].frame(0).params[1]);
    expect(v.variants[0].chain).toBeNull();
    expect(v.variants[0].data).toBeNull();
    expect(buildView(sim, 10, { example: -1, panels: ['chain'] }).variants[0].chain!.example).toBe(-1);
  });

  it('draws the chosen panels one row each, with the same pixels as each panel drawn alone', () => {
    const v = buildView(sim, 50, { surfaceSize: 16 });
    const width = 1200;
    const height = VIEW_PANELS.reduce((h, p) => h + panelHeight(p, width, 4), 0);
    const canvas = createCanvas(width, height);
    const ctx = canvas.getContext('2d') as unknown as CanvasRenderingContext2D;
    const used = drawView(
      ctx,
      v,
      VIEW_PANELS,
      { width, height },
      LIGHT,
      createCurvesRenderer((a, b) => createCanvas(a, b)),
    );
    expect(used).toBe(height);
    // The first data view, drawn alone at its cell's size, is pixel-identical to the view's cell.
    // (Below the caption strip that names the variant.)
    const h = panelHeight('data', width, 4) - CAPTION;
    const alone = createCanvas(296, h);
    drawDataView(
      alone.getContext('2d') as unknown as CanvasRenderingContext2D,
      v.variants[0].data!,
      { width: 296, height: h },
      LIGHT,
    );
    const a = alone.getContext('2d').getImageData(0, 0, 296, h).data;
    const b = canvas.getContext('2d').getImageData(0, CAPTION, 296, h).data;
    expect(Buffer.from(b).equals(Buffer.from(a))).toBe(true);
    // Every row has something drawn (not only background).
    let y = 0;
    for (const p of VIEW_PANELS) {
      const ph = panelHeight(p, width, 4);
      const row = canvas.getContext('2d').getImageData(0, y, width, ph).data;
      let ink = 0;
      for (let i = 0; i < row.length; i += 4) if (row[i] < 200 || row[i + 1] < 200 || row[i + 2] < 200) ink++;
      expect(ink, p).toBeGreaterThan(1000);
      y += ph;
    }
  });
});
