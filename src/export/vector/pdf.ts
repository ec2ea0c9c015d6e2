/**
 * Recorded pages as one PDF, one page each: paths for lines and shapes,
 * real text (the interface font embedded as a subset, with a ToUnicode map
 * so the words can be selected and searched; CJK characters in a fallback
 * CID font the viewer provides, also with ToUnicode), and raster layers as
 * images at the export's resolution. Pure TypeScript (fflate for deflate).
 */
import { zlibSync } from 'fflate';
import type { Clip, Item, Seg, VectorPage } from './context';
import { type FontSet, textRuns, type TrueTypeFont } from './font';
import { isOpaque } from './png';

const enc = new TextEncoder();
const ascii = (s: string): Uint8Array => enc.encode(s);

function n(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}
const c3 = (v: number): string => String(Math.round((v / 255) * 1000) / 1000);

function pathOps(path: Seg[]): string {
  let s = '';
  for (const g of path) {
    if (g[0] === 'M') s += `${n(g[1])} ${n(g[2])} m\n`;
    else if (g[0] === 'L') s += `${n(g[1])} ${n(g[2])} l\n`;
    else if (g[0] === 'C') s += `${n(g[1])} ${n(g[2])} ${n(g[3])} ${n(g[4])} ${n(g[5])} ${n(g[6])} c\n`;
    else s += 'h\n';
  }
  return s;
}

function utf16hex(text: string): string {
  let h = '';
  for (let i = 0; i < text.length; i++) h += text.charCodeAt(i).toString(16).padStart(4, '0');
  return h.toUpperCase();
}

/** Glyphs used of one embedded font: glyph id → the text it stands for. */
class FontUse {
  readonly glyphs = new Map<number, string>();
  constructor(readonly font: TrueTypeFont) {}
}

export interface PdfOptions {
  /** Pixels per inch: a page of w × h pixels is w/dpi × h/dpi inches. */
  dpi: number;
  title?: string;
}

export class PdfWriter {
  private readonly objects: (Uint8Array | null)[] = [];
  private readonly pages: number[] = [];
  private readonly gs = new Map<number, string>();
  private readonly images: string[] = [];
  private readonly regular: FontUse;
  private readonly bold: FontUse;
  /** The fallback font's codes: character → CID (1, 2, …). */
  private readonly fallback = new Map<string, number>();
  private readonly ids = { catalog: 0, pages: 0, resources: 0, regular: 0, bold: 0, fallback: 0 };

  constructor(
    fonts: FontSet,
    private readonly opts: PdfOptions,
  ) {
    this.regular = new FontUse(fonts.regular);
    this.bold = new FontUse(fonts.bold);
    for (const k of Object.keys(this.ids) as (keyof typeof this.ids)[]) this.ids[k] = this.reserve();
  }

  private reserve(): number {
    this.objects.push(null);
    return this.objects.length;
  }

  private set(id: number, body: string | Uint8Array): void {
    this.objects[id - 1] = typeof body === 'string' ? ascii(body) : body;
  }

  private add(body: string | Uint8Array): number {
    const id = this.reserve();
    this.set(id, body);
    return id;
  }

  private stream(dict: string, data: Uint8Array, compress = true): Uint8Array {
    const body = compress ? zlibSync(data, { level: 6 }) : data;
    const head = ascii(
      `<< ${dict}${compress ? ' /Filter /FlateDecode' : ''} /Length ${body.length} >>\nstream\n`,
    );
    const tail = ascii('\nendstream');
    const out = new Uint8Array(head.length + body.length + tail.length);
    out.set(head);
    out.set(body, head.length);
    out.set(tail, head.length + body.length);
    return out;
  }

  private gstate(alpha: number): string {
    const a = Math.round(alpha * 1000) / 1000;
    let name = this.gs.get(a);
    if (!name) {
      name = `G${this.gs.size + 1}`;
      this.gs.set(a, name);
    }
    return name;
  }

  private image(it: Extract<Item, { kind: 'image' }>): string {
    const { width: w, height: h, rgba } = it;
    const rgb = new Uint8Array(w * h * 3);
    for (let i = 0, j = 0; i < rgba.length; i += 4, j += 3) {
      rgb[j] = rgba[i];
      rgb[j + 1] = rgba[i + 1];
      rgb[j + 2] = rgba[i + 2];
    }
    let smask = '';
    if (!isOpaque(rgba)) {
      const a = new Uint8Array(w * h);
      for (let i = 0; i < a.length; i++) a[i] = rgba[4 * i + 3];
      const id = this.add(
        this.stream(
          `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceGray /BitsPerComponent 8`,
          a,
        ),
      );
      smask = ` /SMask ${id} 0 R`;
    }
    const id = this.add(
      this.stream(
        `/Type /XObject /Subtype /Image /Width ${w} /Height ${h} /ColorSpace /DeviceRGB /BitsPerComponent 8 /Interpolate ${it.smooth}${smask}`,
        rgb,
      ),
    );
    const name = `I${this.images.length + 1}`;
    this.images.push(`/${name} ${id} 0 R`);
    return name;
  }

  /** Adds one page of w × h pixels. */
  addPage(page: VectorPage): void {
    const k = 72 / this.opts.dpi;
    const W = page.width * k;
    const H = page.height * k;
    const out: string[] = [`q ${n(k)} 0 0 ${n(-k)} 0 ${n(H)} cm`];
    // Graphics state as last written, per q level; undefined: unknown.
    type GState = Record<string, string | undefined>;
    let state: GState = {};
    const states: GState[] = [];
    const q = (): void => {
      out.push('q');
      states.push({ ...state });
    };
    const Q = (): void => {
      out.push('Q');
      state = states.pop() ?? {};
    };
    const put = (key: string, op: string): void => {
      if (state[key] !== op) {
        out.push(op);
        state[key] = op;
      }
    };
    let open: Clip[] = [];
    const setClip = (c: Clip | null): void => {
      const want: Clip[] = [];
      for (let p = c; p; p = p.parent) want.unshift(p);
      let i = 0;
      while (i < open.length && i < want.length && open[i] === want[i]) i++;
      for (let j = open.length; j > i; j--) Q();
      for (let j = i; j < want.length; j++) {
        q();
        out.push(pathOps(want[j].path) + (want[j].rule === 'evenodd' ? 'W* n' : 'W n'));
      }
      open = want;
    };
    for (const it of page.items) {
      setClip(it.clip);
      switch (it.kind) {
        case 'fill':
          put('fill', `${c3(it.paint.r)} ${c3(it.paint.g)} ${c3(it.paint.b)} rg`);
          put('alpha', `/${this.gstate(it.paint.a)} gs`);
          out.push(pathOps(it.path) + (it.rule === 'evenodd' ? 'f*' : 'f'));
          break;
        case 'stroke': {
          put('stroke', `${c3(it.paint.r)} ${c3(it.paint.g)} ${c3(it.paint.b)} RG`);
          put('alpha', `/${this.gstate(it.paint.a)} gs`);
          put('width', `${n(it.width)} w`);
          put('cap', `${it.cap === 'round' ? 1 : it.cap === 'square' ? 2 : 0} J`);
          put('join', `${it.join === 'round' ? 1 : it.join === 'bevel' ? 2 : 0} j`);
          put('miter', `${n(it.miter)} M`);
          const dash = it.dash.some((v) => v > 0) ? it.dash : [];
          put('dash', `[${dash.map(n).join(' ')}] ${n(dash.length ? it.dashOffset : 0)} d`);
          out.push(pathOps(it.path) + 'S');
          break;
        }
        case 'text': {
          put('fill', `${c3(it.paint.r)} ${c3(it.paint.g)} ${c3(it.paint.b)} rg`);
          put('alpha', `/${this.gstate(it.paint.a)} gs`);
          const use = it.bold ? this.bold : this.regular;
          const [a, b, c, d, e, f] = it.matrix;
          let x = 0;
          const parts: string[] = ['BT'];
          for (const run of textRuns(use.font, it.text)) {
            // Text space → device: the item's matrix, the font size, y up.
            const s = it.size;
            const m = [a * s, b * s, -c * s, -d * s, a * x + e, b * x + f];
            let hexs = '';
            let font: string;
            if (run.glyphs) {
              font = it.bold ? '/F2' : '/F1';
              const chars = [...run.text];
              run.glyphs.forEach((g, i) => {
                if (!use.glyphs.has(g)) use.glyphs.set(g, chars[i]);
                hexs += g.toString(16).padStart(4, '0');
              });
            } else {
              font = '/F3';
              for (const ch of run.text) {
                let cid = this.fallback.get(ch);
                if (cid === undefined) {
                  cid = this.fallback.size + 1;
                  this.fallback.set(ch, cid);
                }
                hexs += cid.toString(16).padStart(4, '0');
              }
            }
            parts.push(
              `${font} 1 Tf ${m.map((v) => String(Math.round(v * 1e4) / 1e4)).join(' ')} Tm <${hexs}> Tj`,
            );
            x += run.width * s;
          }
          parts.push('ET');
          out.push(parts.join('\n'));
          break;
        }
        case 'image': {
          const name = this.image(it);
          q();
          if (it.alpha < 1) out.push(`/${this.gstate(it.alpha)} gs`);
          const m = it.matrix;
          // The image's unit square (y up) → its pixels (y down) → device.
          const cm = [
            m[0] * it.width,
            m[1] * it.width,
            -m[2] * it.height,
            -m[3] * it.height,
            m[2] * it.height + m[4],
            m[3] * it.height + m[5],
          ];
          out.push(`${cm.map((v) => String(Math.round(v * 1e4) / 1e4)).join(' ')} cm /${name} Do`);
          Q();
          break;
        }
      }
    }
    setClip(null);
    out.push('Q');
    const content = this.add(this.stream('', ascii(out.join('\n'))));
    this.pages.push(
      this.add(
        `<< /Type /Page /Parent ${this.ids.pages} 0 R /MediaBox [0 0 ${n(W)} ${n(H)}] /Resources ${this.ids.resources} 0 R /Contents ${content} 0 R >>`,
      ),
    );
  }

  private embedded(use: FontUse, id: number): void {
    const font = use.font;
    const em = 1000 / font.unitsPerEm;
    const glyphs = [...use.glyphs.keys()].sort((a, b) => a - b);
    // A subset tag from the glyphs (deterministic: the same drawing gives the same file).
    let hash = 0;
    for (const g of glyphs) hash = (hash * 31 + g) >>> 0;
    const tag = Array.from({ length: 6 }, (_, i) =>
      String.fromCharCode(65 + (Math.floor(hash / 26 ** i) % 26)),
    ).join('');
    const name = `${tag}+${font.name}`;
    const file = font.subset(glyphs);
    const fileId = this.add(this.stream(`/Length1 ${file.length}`, file));
    const [x0, y0, x1, y1] = font.bbox.map((v) => Math.round(v * em));
    const descriptor = this.add(
      `<< /Type /FontDescriptor /FontName /${name} /Flags 32 /FontBBox [${x0} ${y0} ${x1} ${y1}] /ItalicAngle 0 /Ascent ${Math.round(font.ascent * 1000)} /Descent ${-Math.round(font.descent * 1000)} /CapHeight ${Math.round(font.ascent * 1000)} /StemV 80 /FontFile2 ${fileId} 0 R >>`,
    );
    const widths = glyphs.map((g) => `${g} [${Math.round(font.advance(g) * em)}]`).join(' ');
    const cid = this.add(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [${widths}] /CIDToGIDMap /Identity >>`,
    );
    const map = glyphs.map((g) => [g.toString(16).padStart(4, '0'), utf16hex(use.glyphs.get(g)!)] as const);
    const toUnicode = this.add(this.stream('', ascii(cmap(map))));
    this.set(
      id,
      `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
    );
  }

  private fallbackFont(id: number): void {
    const name = 'NotoSansCJKsc-Regular';
    const chars = [...this.fallback.entries()];
    const descriptor = this.add(
      `<< /Type /FontDescriptor /FontName /${name} /Flags 4 /FontBBox [-1000 -300 2000 1100] /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 733 /StemV 80 >>`,
    );
    const widths = chars
      .map(
        ([ch, cid]) => `${cid} [${/[\u1100-\uffff]/.test(ch) && ch.codePointAt(0)! >= 0x2e80 ? 1000 : 600}]`,
      )
      .join(' ');
    const cid = this.add(
      `<< /Type /Font /Subtype /CIDFontType2 /BaseFont /${name} /CIDSystemInfo << /Registry (Adobe) /Ordering (Identity) /Supplement 0 >> /FontDescriptor ${descriptor} 0 R /DW 1000 /W [${widths}] >>`,
    );
    const toUnicode = this.add(
      this.stream(
        '',
        ascii(cmap(chars.map(([ch, c]) => [c.toString(16).padStart(4, '0'), utf16hex(ch)] as const))),
      ),
    );
    this.set(
      id,
      `<< /Type /Font /Subtype /Type0 /BaseFont /${name} /Encoding /Identity-H /DescendantFonts [${cid} 0 R] /ToUnicode ${toUnicode} 0 R >>`,
    );
  }

  /** The whole file. */
  finish(): Uint8Array {
    const fonts: string[] = [];
    const empty = '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>';
    if (this.regular.glyphs.size > 0) this.embedded(this.regular, this.ids.regular);
    else this.set(this.ids.regular, empty);
    if (this.bold.glyphs.size > 0) this.embedded(this.bold, this.ids.bold);
    else this.set(this.ids.bold, empty);
    if (this.fallback.size > 0) this.fallbackFont(this.ids.fallback);
    else this.set(this.ids.fallback, empty);
    fonts.push(`/F1 ${this.ids.regular} 0 R`, `/F2 ${this.ids.bold} 0 R`, `/F3 ${this.ids.fallback} 0 R`);
    const gs = [...this.gs.entries()].map(([a, name]) => `/${name} << /ca ${a} /CA ${a} >>`).join(' ');
    this.set(
      this.ids.resources,
      `<< /ProcSet [/PDF /Text /ImageB /ImageC] /Font << ${fonts.join(' ')} >> /ExtGState << ${gs} >> /XObject << ${this.images.join(' ')} >> >>`,
    );
    this.set(
      this.ids.pages,
      `<< /Type /Pages /Kids [${this.pages.map((p) => `${p} 0 R`).join(' ')}] /Count ${this.pages.length} >>`,
    );
    this.set(this.ids.catalog, `<< /Type /Catalog /Pages ${this.ids.pages} 0 R >>`);
    const title = this.opts.title ? ` /Title <FEFF${utf16hex(this.opts.title)}>` : '';
    const info = this.add(`<< /Producer (Sigmoid Lab)${title} >>`);
    const chunks: Uint8Array[] = [ascii('%PDF-1.7\n%\xe2\xe3\xcf\xd3\n')];
    let offset = chunks[0].length;
    const offsets: number[] = [];
    this.objects.forEach((body, i) => {
      offsets.push(offset);
      const head = ascii(`${i + 1} 0 obj\n`);
      const tail = ascii('\nendobj\n');
      chunks.push(head, body!, tail);
      offset += head.length + body!.length + tail.length;
    });
    let xref = `xref\n0 ${this.objects.length + 1}\n0000000000 65535 f \n`;
    for (const o of offsets) xref += `${String(o).padStart(10, '0')} 00000 n \n`;
    xref += `trailer\n<< /Size ${this.objects.length + 1} /Root ${this.ids.catalog} 0 R /Info ${info} 0 R >>\nstartxref\n${offset}\n%%EOF\n`;
    chunks.push(ascii(xref));
    const out = new Uint8Array(chunks.reduce((s, c) => s + c.length, 0));
    let o = 0;
    for (const c of chunks) {
      out.set(c, o);
      o += c.length;
    }
    return out;
  }

  get pageCount(): number {
    return this.pages.length;
  }
}

function cmap(map: (readonly [string, string])[]): string {
  const blocks: string[] = [];
  for (let i = 0; i < map.length; i += 100) {
    const part = map.slice(i, i + 100);
    blocks.push(`${part.length} beginbfchar\n${part.map(([c, u]) => `<${c}> <${u}>`).join('\n')}\nendbfchar`);
  }
  return [
    '/CIDInit /ProcSet findresource begin',
    '12 dict begin',
    'begincmap',
    '/CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def',
    '/CMapName /Adobe-Identity-UCS def',
    '/CMapType 2 def',
    '1 begincodespacerange',
    '<0000> <FFFF>',
    'endcodespacerange',
    ...blocks,
    'endcmap',
    'CMapName currentdict /CMap defineresource pop',
    'end',
    'end',
  ].join('\n');
}
