import { describe, expect, it } from 'vitest';
import { parseCsvPoints, pointsToCsv } from '../../src/core/csv';
import { validateExperiment } from '../../src/core/validate';
import { DEFAULT_EXPERIMENT } from '../../src/core/presets';

describe('parseCsvPoints', () => {
  it('reads x1,x2,label with a header, CRLF, a BOM, comments and blank lines', () => {
    const r = parseCsvPoints('\uFEFFx1,x2,label\r\n0.5, -1, 1\r\n\r\n# a comment\r\n2,3e-1,0\r\n');
    expect(r).toEqual({
      ok: true,
      x: [
        [0.5, -1],
        [2, 0.3],
      ],
      y: [1, 0],
      header: ['x1', 'x2', 'label'],
    });
  });

  it('reads x,label without a header', () => {
    const r = parseCsvPoints('-2,0\n2,1\n');
    expect(r).toEqual({ ok: true, x: [[-2], [2]], y: [0, 1], header: null });
  });

  it('names the line of every problem', () => {
    const r = parseCsvPoints('x1,x2,label\n1,2,0\n1,2\nabc,2,1\n1,2,0.5\n1,2,-1\n');
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.errors).toEqual([
      'line 3: expected 3 values (x1,x2,label), got 2',
      'line 4: x1 "abc" is not a number',
      'line 5: label "0.5" is not a class number 0..15',
      'line 6: label "-1" is not a class number 0..15',
    ]);
  });

  it('refuses an empty file, a single column and counts problems beyond the first twelve', () => {
    expect(parseCsvPoints('x,label\n')).toEqual({
      ok: false,
      errors: ['the file has no data lines (expected x,label or x1,x2,label)'],
    });
    expect(parseCsvPoints('1\n2\n')).toEqual({
      ok: false,
      errors: ['line 1: expected at least 2 columns (x,label or x1,x2,label), got 1'],
    });
    const many = parseCsvPoints('x,label\n' + 'a,1\n'.repeat(20));
    expect(many.ok).toBe(false);
    if (!many.ok) {
      expect(many.errors).toHaveLength(13);
      expect(many.errors[12]).toBe('… and 8 more problems');
    }
  });

  it('round-trips through pointsToCsv and gives a valid experiment', () => {
    const x = [
      [0.25, 1],
      [-3, 2.5],
    ];
    const y = [0, 1];
    const r = parseCsvPoints(pointsToCsv(x, y));
    expect(r).toEqual({ ok: true, x, y, header: ['x1', 'x2', 'label'] });
    const v = validateExperiment({
      ...DEFAULT_EXPERIMENT,
      init: { kind: 'zeros' },
      data: { kind: 'points', x, y },
    });
    expect(v.ok).toBe(true);
  });
});
