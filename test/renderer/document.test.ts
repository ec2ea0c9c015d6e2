import { describe, expect, it } from 'vitest';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';
import { checkText } from '../../src/renderer/src/document.svelte';

describe('checkText (the experiment-file panel)', () => {
  it('names malformed explicit layers instead of throwing', () => {
    const text = JSON.stringify({
      ...DEFAULT_EXPERIMENT,
      init: { kind: 'explicit', layers: [{}, { W: 'x', b: 5 }] },
    });
    const c = checkText(text);
    expect(c.ok).toBe(false);
    if (!c.ok) expect(c.errors.join('\n')).toMatch(/init\.layers/);
  });

  it('accepts a file that starts with a UTF-8 byte-order mark', () => {
    expect(checkText('\ufeff' + JSON.stringify(DEFAULT_EXPERIMENT)).ok).toBe(true);
  });
});
