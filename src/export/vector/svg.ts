/**
 * A recorded page as SVG: paths for lines and shapes, `<text>` for words
 * (selectable, searchable; the viewer's fonts, DejaVu Sans first, then the
 * drawings' list with the CJK fonts), PNG images for raster layers.
 */
import { hex } from './color';
import type { Clip, Item, Seg, VectorPage } from './context';
import { encodePng } from './png';
import { FONT } from '../../draw/theme';

/** Numbers with at most 2 decimals (a hundredth of a pixel), no trailing zeros. */
export function num(v: number): string {
  const r = Math.round(v * 100) / 100;
  return Object.is(r, -0) ? '0' : String(r);
}

export function pathData(path: Seg[]): string {
  let d = '';
  for (const s of path) {
    if (s[0] === 'Z') d += 'Z';
    else
      d +=
        s[0] +
        s
          .slice(1)
          .map((v) => num(v as number))
          .join(' ');
  }
  return d;
}

const escape = (s: string): string =>
  s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The font list written in the file: the font the text was measured with first. */
export const SVG_FONT = `DejaVu Sans, ${FONT.replace(/"/g, "'")}`;

function base64(bytes: Uint8Array): string {
  const table = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';
  let out = '';
  for (let i = 0; i < bytes.length; i += 3) {
    const a = bytes[i];
    const b = bytes[i + 1];
    const c = bytes[i + 2];
    out += table[a >> 2] + table[((a & 3) << 4) | ((b ?? 0) >> 4)];
    out += b === undefined ? '=' : table[((b & 15) << 2) | ((c ?? 0) >> 6)];
    out += c === undefined ? '=' : table[c & 63];
  }
  return out;
}

function paintAttrs(kind: 'fill' | 'stroke', c: { r: number; g: number; b: number; a: number }): string {
  const a = Math.round(c.a * 1000) / 1000;
  return ` ${kind}="${hex(c)}"${a < 1 ? ` ${kind}-opacity="${a}"` : ''}`;
}

export interface SvgOptions {
  /** Physical size for the width and height attributes (e.g. "3.5in"); default: pixels. */
  physical?: { width: string; height: string };
}

export function toSvg(page: VectorPage, opts: SvgOptions = {}): string {
  const out: string[] = [];
  const w = page.width;
  const h = page.height;
  const width = opts.physical?.width ?? String(w);
  const height = opts.physical?.height ?? String(h);
  out.push(
    `<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="${width}" height="${height}" viewBox="0 0 ${w} ${h}" font-family="${SVG_FONT}">`,
  );
  const ids = new Map<Clip, string>();
  let open: Clip[] = [];
  const chain = (c: Clip | null): Clip[] => {
    const list: Clip[] = [];
    for (let p = c; p; p = p.parent) list.unshift(p);
    return list;
  };
  const setClip = (c: Clip | null): void => {
    const want = chain(c);
    let k = 0;
    while (k < open.length && k < want.length && open[k] === want[k]) k++;
    for (let i = open.length; i > k; i--) out.push('</g>');
    for (let i = k; i < want.length; i++) {
      const clip = want[i];
      let id = ids.get(clip);
      if (!id) {
        id = `c${ids.size + 1}`;
        ids.set(clip, id);
        out.push(
          `<clipPath id="${id}"><path d="${pathData(clip.path)}"${clip.rule === 'evenodd' ? ' clip-rule="evenodd"' : ''}/></clipPath>`,
        );
      }
      out.push(`<g clip-path="url(#${id})">`);
    }
    open = want;
  };
  for (const it of page.items) {
    setClip(it.clip);
    out.push(item(it));
  }
  setClip(null);
  out.push('</svg>\n');
  return out.join('\n');
}

function item(it: Item): string {
  switch (it.kind) {
    case 'fill':
      return `<path d="${pathData(it.path)}"${paintAttrs('fill', it.paint)}${it.rule === 'evenodd' ? ' fill-rule="evenodd"' : ''}/>`;
    case 'stroke': {
      let a = `<path d="${pathData(it.path)}" fill="none"${paintAttrs('stroke', it.paint)} stroke-width="${num(it.width)}"`;
      if (it.cap !== 'butt') a += ` stroke-linecap="${it.cap}"`;
      if (it.join !== 'miter') a += ` stroke-linejoin="${it.join}"`;
      else if (it.miter !== 4) a += ` stroke-miterlimit="${num(it.miter)}"`;
      if (it.dash.length > 0 && it.dash.some((v) => v > 0)) {
        a += ` stroke-dasharray="${it.dash.map(num).join(' ')}"`;
        if (it.dashOffset !== 0) a += ` stroke-dashoffset="${num(it.dashOffset)}"`;
      }
      return a + '/>';
    }
    case 'text': {
      const [a, b, c, d, e, f] = it.matrix;
      const weight = it.bold ? ' font-weight="bold"' : '';
      const body = escape(it.text);
      if (b === 0 && c === 0 && a === d && a > 0)
        return `<text x="${num(e)}" y="${num(f)}" font-size="${num(it.size * a)}"${weight}${paintAttrs('fill', it.paint)} xml:space="preserve">${body}</text>`;
      const m = [a, b, c, d, e, f].map((v) => String(Math.round(v * 1e4) / 1e4)).join(' ');
      return `<text transform="matrix(${m})" font-size="${num(it.size)}"${weight}${paintAttrs('fill', it.paint)} xml:space="preserve">${body}</text>`;
    }
    case 'image': {
      const m = it.matrix.map((v) => String(Math.round(v * 1e5) / 1e5)).join(' ');
      const png = encodePng(it.rgba, it.width, it.height);
      return `<image width="${it.width}" height="${it.height}" transform="matrix(${m})" preserveAspectRatio="none"${it.alpha < 1 ? ` opacity="${Math.round(it.alpha * 1000) / 1000}"` : ''}${it.smooth ? '' : ' image-rendering="optimizeSpeed"'} xlink:href="data:image/png;base64,${base64(png)}"/>`;
    }
  }
}
