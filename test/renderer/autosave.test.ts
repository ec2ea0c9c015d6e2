import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { AUTOSAVE_MS, autosaver, autosaveText, readAutosaveText } from '../../src/renderer/src/autosave';
import { ExperimentDocument } from '../../src/renderer/src/document.svelte';
import { readLessons } from '../../src/renderer/src/lessons/progress';
import { defaultLayout } from '../../src/renderer/src/studio/layout';

describe('the autosave', () => {
  const doc = new ExperimentDocument();
  const state = {
    document: doc.snapshot(),
    view: {
      theme: 'dark' as const,
      layout: defaultLayout(),
      language: 'zh-CN' as const,
      lessons: readLessons({ open: true, index: 3 }),
    },
  };

  it('reads back what it wrote', () => {
    expect(readAutosaveText(autosaveText(state))).toEqual(state);
  });

  it('checks the view field by field, and holds nothing without a document', () => {
    const text = JSON.stringify({
      version: 1,
      document: state.document,
      view: { theme: 'sepia', language: 'fr', layout: 7 },
    });
    const r = readAutosaveText(text)!;
    expect(r.view.theme).toBeNull();
    expect(r.view.language).toBeNull();
    expect(r.view.layout).toEqual(defaultLayout());
    expect(r.view.lessons).toEqual(readLessons(null));
    expect(readAutosaveText(JSON.stringify({ version: 1, view: state.view }))).toBeNull();
    expect(readAutosaveText('null')).toBeNull();
    expect(() => readAutosaveText('{')).toThrow();
  });

  describe('writing', () => {
    beforeEach(() => vi.useFakeTimers());
    afterEach(() => vi.useRealTimers());

    it('writes only a state that changed since the last write (or since it started), until stopped', async () => {
      let now = 'a';
      const write = vi.fn(() => Promise.resolve());
      const saver = autosaver(
        write,
        () => now,
        () => undefined,
      );
      saver.start();
      await vi.advanceTimersByTimeAsync(AUTOSAVE_MS * 2);
      expect(write).not.toHaveBeenCalled();
      now = 'b';
      await vi.advanceTimersByTimeAsync(AUTOSAVE_MS * 3);
      expect(write.mock.calls).toEqual([['b']]);
      saver.stop();
      now = 'c';
      await vi.advanceTimersByTimeAsync(AUTOSAVE_MS * 3);
      expect(write).toHaveBeenCalledTimes(1);
    });

    it('tells a refused write', async () => {
      let now = 'a';
      const onerror = vi.fn();
      const saver = autosaver(
        () => Promise.reject(new Error('too large')),
        () => now,
        onerror,
      );
      saver.start();
      now = 'b';
      await vi.advanceTimersByTimeAsync(AUTOSAVE_MS);
      expect(onerror).toHaveBeenCalledWith(new Error('too large'));
      saver.stop();
    });
  });
});
