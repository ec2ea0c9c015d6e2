/**
 * Every experiment the validator accepts draws every panel on @napi-rs/canvas
 * (the command line's canvas, where a coordinate like −1e74 aborts the whole
 * process) without throwing: points at ±1e308, weights of 1e300, runs that
 * diverge, names with control characters, in both languages and surface modes.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createSimulation } from '../../src/core/simulation';
import { validateExperiment } from '../../src/core/validate';
import { nodeExportHost } from '../../src/cli/nodeHost';
import { VIEW_PANELS } from '../../src/draw/view';
import { FrameRenderer } from '../../src/export/render';
import { defaultSettings } from '../../src/export/settings';
import { extremeExperiment, mutatedExample, runs } from '../core/arbitraries';

const host = nodeExportHost();

function drawAll(raw: unknown, mode: '2d' | '3d', locale: 'en' | 'zh-CN'): void {
  const r = validateExperiment(raw);
  if (!r.ok) return;
  const steps = Math.min(r.experiment.steps, 3);
  const sim = createSimulation({ ...r.experiment, steps });
  for (const run of sim.runs) run.advanceTo(steps);
  const settings = {
    ...defaultSettings(steps),
    panels: [...VIEW_PANELS],
    width: 480,
    scale: 1,
    locale,
    view: { surfaceSize: 8, surfaceMode: mode },
  };
  const renderer = new FrameRenderer(sim, settings, (w, h) => host.createCanvas(w, h));
  try {
    for (const step of new Set([0, steps])) {
      renderer.render({ step, phase: 3 });
      renderer.render({ step, phase: 1 });
    }
    expect(renderer.pixels().length).toBe(4 * renderer.width * renderer.height);
  } finally {
    renderer.destroy();
  }
}

describe('drawing generated experiments', () => {
  it('experiments with extreme numbers draw every panel without throwing', () => {
    fc.assert(
      fc.property(extremeExperiment, fc.constantFrom('2d' as const, '3d' as const), (e, mode) =>
        drawAll(e, mode, 'en'),
      ),
      { numRuns: runs(30) },
    );
  }, 300_000);

  it('mutations of the examples draw every panel without throwing', () => {
    fc.assert(
      fc.property(mutatedExample, fc.constantFrom('2d' as const, '3d' as const), (e, mode) =>
        drawAll(e, mode, 'zh-CN'),
      ),
      { numRuns: runs(15) },
    );
  }, 300_000);
});
