import { describe, expect, it } from 'vitest';
import { autosaveRecord, readAutosaveRecord } from '../../src/shared/api';

describe('the autosave as stored (main and the web version alike)', () => {
  it('reads back what was written, with its date', () => {
    const at = new Date('2026-01-02T03:04:05.000Z');
    expect(readAutosaveRecord(autosaveRecord('{"a":1}', at))).toEqual({
      savedAt: '2026-01-02T03:04:05.000Z',
      text: '{"a":1}',
    });
  });

  it('takes anything else for no autosave', () => {
    for (const json of ['', 'null', '{', '[]', '{"text":"x"}', '{"savedAt":"x","text":3}'])
      expect(readAutosaveRecord(json), json).toBeNull();
  });
});
