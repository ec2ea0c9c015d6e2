/**
 * TrueType fonts for vector exports: character → glyph (cmap formats 4 and
 * 12), advance widths (hmtx), the metrics Chromium uses for the canvas's
 * text baselines, and a subset for embedding in a PDF (the glyphs used, at
 * their original glyph ids, every other glyph emptied). Pure TypeScript, the
 * same in the app and on the command line, so both measure text alike.
 */

interface Table {
  offset: number;
  length: number;
}

export class TrueTypeFont {
  readonly unitsPerEm: number;
  /** Normalised typographic ascent and descent (ascent + descent = 1 em), as Chromium's canvas. */
  readonly ascent: number;
  readonly descent: number;
  readonly numGlyphs: number;
  /** PostScript-ish name, for the PDF. */
  readonly name: string;
  readonly bbox: [number, number, number, number];
  private readonly view: DataView;
  private readonly tables = new Map<string, Table>();
  private readonly advances: Uint16Array;
  private readonly cmap = new Map<number, number>();
  private readonly loca: number[];

  constructor(
    readonly data: Uint8Array,
    name: string,
  ) {
    this.name = name;
    const v = new DataView(data.buffer, data.byteOffset, data.byteLength);
    this.view = v;
    const n = v.getUint16(4);
    for (let i = 0; i < n; i++) {
      const r = 12 + 16 * i;
      const tag = String.fromCharCode(data[r], data[r + 1], data[r + 2], data[r + 3]);
      this.tables.set(tag, { offset: v.getUint32(r + 8), length: v.getUint32(r + 12) });
    }
    const head = this.table('head').offset;
    this.unitsPerEm = v.getUint16(head + 18);
    this.bbox = [v.getInt16(head + 36), v.getInt16(head + 38), v.getInt16(head + 40), v.getInt16(head + 42)];
    const longLoca = v.getInt16(head + 50) === 1;
    this.numGlyphs = v.getUint16(this.table('maxp').offset + 4);
    const hhea = this.table('hhea').offset;
    const metrics = v.getUint16(hhea + 34);
    const os2 = this.tables.get('OS/2');
    const typoAscent = os2 ? v.getInt16(os2.offset + 68) : v.getInt16(hhea + 4);
    const typoDescent = os2 ? -v.getInt16(os2.offset + 70) : -v.getInt16(hhea + 6);
    this.ascent = typoAscent / (typoAscent + typoDescent);
    this.descent = typoDescent / (typoAscent + typoDescent);
    const hmtx = this.table('hmtx').offset;
    this.advances = new Uint16Array(this.numGlyphs);
    for (let g = 0; g < this.numGlyphs; g++)
      this.advances[g] = v.getUint16(hmtx + 4 * Math.min(g, metrics - 1));
    const loca = this.table('loca').offset;
    this.loca = Array.from({ length: this.numGlyphs + 1 }, (_, g) =>
      longLoca ? v.getUint32(loca + 4 * g) : 2 * v.getUint16(loca + 2 * g),
    );
    this.readCmap();
  }

  private table(tag: string): Table {
    const t = this.tables.get(tag);
    if (!t) throw new Error(`${this.name}: the font has no ${tag} table`);
    return t;
  }

  private readCmap(): void {
    const v = this.view;
    // A subset for a PDF has no cmap: its glyphs are reached by id.
    if (!this.tables.has('cmap')) return;
    const base = this.table('cmap').offset;
    const count = v.getUint16(base + 2);
    let best = -1;
    let bestFormat = 0;
    for (let i = 0; i < count; i++) {
      const platform = v.getUint16(base + 4 + 8 * i);
      const encoding = v.getUint16(base + 6 + 8 * i);
      const offset = base + v.getUint32(base + 8 + 8 * i);
      const format = v.getUint16(offset);
      if (platform === 3 && encoding === 10 && format === 12) {
        best = offset;
        bestFormat = 12;
      } else if (platform === 3 && encoding === 1 && format === 4 && bestFormat !== 12) {
        best = offset;
        bestFormat = 4;
      }
    }
    if (best < 0) throw new Error(`${this.name}: no Unicode cmap`);
    if (bestFormat === 12) {
      const groups = v.getUint32(best + 12);
      for (let i = 0; i < groups; i++) {
        const r = best + 16 + 12 * i;
        const start = v.getUint32(r);
        const end = v.getUint32(r + 4);
        const glyph = v.getUint32(r + 8);
        for (let c = start; c <= end; c++) this.cmap.set(c, glyph + c - start);
      }
      return;
    }
    const segs = v.getUint16(best + 6) / 2;
    const ends = best + 14;
    const starts = ends + 2 * segs + 2;
    const deltas = starts + 2 * segs;
    const ranges = deltas + 2 * segs;
    for (let s = 0; s < segs; s++) {
      const end = v.getUint16(ends + 2 * s);
      const start = v.getUint16(starts + 2 * s);
      const delta = v.getInt16(deltas + 2 * s);
      const range = v.getUint16(ranges + 2 * s);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let g: number;
        if (range === 0) g = (c + delta) & 0xffff;
        else {
          const at = ranges + 2 * s + range + 2 * (c - start);
          g = v.getUint16(at);
          if (g !== 0) g = (g + delta) & 0xffff;
        }
        if (g !== 0) this.cmap.set(c, g);
      }
    }
  }

  /** The glyph of a code point; 0 (.notdef) when the font has none. */
  glyph(codePoint: number): number {
    return this.cmap.get(codePoint) ?? 0;
  }

  /** Advance width of a glyph in font units. */
  advance(glyph: number): number {
    return this.advances[glyph] ?? 0;
  }

  /**
   * The font with only `glyphs` (and the components of composite glyphs) kept, at
   * their original ids; tables a PDF viewer does not need (layout, names of glyphs) dropped.
   */
  subset(glyphs: Iterable<number>): Uint8Array {
    const v = this.view;
    const glyf = this.table('glyf').offset;
    const keep = new Set<number>([0]);
    const todo = [...glyphs];
    while (todo.length > 0) {
      const g = todo.pop()!;
      if (keep.has(g) && g !== 0) continue;
      keep.add(g);
      const start = this.loca[g];
      if (this.loca[g + 1] === start || v.getInt16(glyf + start) >= 0) continue;
      // A composite glyph: its components are kept too.
      let p = glyf + start + 10;
      for (;;) {
        const flags = v.getUint16(p);
        todo.push(v.getUint16(p + 2));
        p += 4 + (flags & 1 ? 4 : 2);
        if (flags & 8) p += 2;
        else if (flags & 0x40) p += 4;
        else if (flags & 0x80) p += 8;
        if (!(flags & 0x20)) break;
      }
    }
    // The new glyf and loca (long offsets).
    let size = 0;
    for (const g of keep) size += (this.loca[g + 1] - this.loca[g] + 3) & ~3;
    const newGlyf = new Uint8Array(size);
    const newLoca = new Uint8Array(4 * (this.numGlyphs + 1));
    const lv = new DataView(newLoca.buffer);
    let o = 0;
    for (let g = 0; g < this.numGlyphs; g++) {
      lv.setUint32(4 * g, o);
      if (!keep.has(g)) continue;
      const a = this.loca[g];
      const b = this.loca[g + 1];
      newGlyf.set(this.data.subarray(glyf + a, glyf + b), o);
      o += (b - a + 3) & ~3;
    }
    lv.setUint32(4 * this.numGlyphs, o);
    const out = new Map<string, Uint8Array>();
    for (const tag of ['head', 'hhea', 'maxp', 'hmtx', 'cvt ', 'fpgm', 'prep', 'OS/2']) {
      const t = this.tables.get(tag);
      if (t) out.set(tag, this.data.slice(t.offset, t.offset + t.length));
    }
    const head = out.get('head')!;
    const hv = new DataView(head.buffer);
    hv.setUint32(8, 0); // checkSumAdjustment: not recomputed (viewers do not check it)
    hv.setInt16(50, 1); // long loca
    out.set('loca', newLoca);
    out.set('glyf', newGlyf);
    return writeFont(out);
  }
}

function checksum(data: Uint8Array): number {
  const padded = new Uint8Array((data.length + 3) & ~3);
  padded.set(data);
  const v = new DataView(padded.buffer);
  let sum = 0;
  for (let i = 0; i < padded.length; i += 4) sum = (sum + v.getUint32(i)) >>> 0;
  return sum;
}

function writeFont(tables: Map<string, Uint8Array>): Uint8Array {
  const tags = [...tables.keys()].sort();
  const n = tags.length;
  let size = 12 + 16 * n;
  for (const t of tags) size += (tables.get(t)!.length + 3) & ~3;
  const out = new Uint8Array(size);
  const v = new DataView(out.buffer);
  v.setUint32(0, 0x00010000);
  v.setUint16(4, n);
  const pow = 2 ** Math.floor(Math.log2(n));
  v.setUint16(6, pow * 16);
  v.setUint16(8, Math.log2(pow));
  v.setUint16(10, n * 16 - pow * 16);
  let o = 12 + 16 * n;
  tags.forEach((tag, i) => {
    const data = tables.get(tag)!;
    const r = 12 + 16 * i;
    for (let k = 0; k < 4; k++) out[r + k] = tag.charCodeAt(k);
    v.setUint32(r + 4, checksum(data));
    v.setUint32(r + 8, o);
    v.setUint32(r + 12, data.length);
    out.set(data, o);
    o += (data.length + 3) & ~3;
  });
  return out;
}

/** Characters the interface font has no glyph for (CJK): drawn by the viewer's fallback, one em wide. */
export function isWide(codePoint: number): boolean {
  return (
    (codePoint >= 0x1100 && codePoint <= 0x115f) ||
    (codePoint >= 0x2e80 && codePoint <= 0xa4cf) ||
    (codePoint >= 0xac00 && codePoint <= 0xd7a3) ||
    (codePoint >= 0xf900 && codePoint <= 0xfaff) ||
    (codePoint >= 0xfe30 && codePoint <= 0xfe4f) ||
    (codePoint >= 0xff00 && codePoint <= 0xff60) ||
    (codePoint >= 0xffe0 && codePoint <= 0xffe6) ||
    (codePoint >= 0x20000 && codePoint <= 0x3fffd)
  );
}

/** The fonts of a vector export: the interface font, regular and bold. */
export interface FontSet {
  regular: TrueTypeFont;
  bold: TrueTypeFont;
}

export function fontSet(regular: Uint8Array, bold: Uint8Array): FontSet {
  return {
    regular: new TrueTypeFont(regular, 'DejaVuSans'),
    bold: new TrueTypeFont(bold, 'DejaVuSans-Bold'),
  };
}

/** One run of text in one font: the interface font's glyphs, or the fallback's (CJK). */
export interface TextRun {
  text: string;
  /** Glyph ids in the interface font; null: the fallback font (advance 1 em per character). */
  glyphs: number[] | null;
  /** Advance in em. */
  width: number;
}

/** `text` split into runs the interface font has glyphs for and runs it has not. */
export function textRuns(font: TrueTypeFont, text: string): TextRun[] {
  const runs: TextRun[] = [];
  for (const ch of text) {
    const cp = ch.codePointAt(0)!;
    const g = font.glyph(cp);
    const fallback = g === 0 && cp > 0x7f;
    const width = fallback ? (isWide(cp) ? 1 : 0.6) : font.advance(g) / font.unitsPerEm;
    const last = runs[runs.length - 1];
    if (last && (last.glyphs === null) === fallback) {
      last.text += ch;
      last.width += width;
      last.glyphs?.push(g);
    } else runs.push({ text: ch, glyphs: fallback ? null : [g], width });
  }
  return runs;
}
