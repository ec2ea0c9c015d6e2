/**
 * Share links: the experiment and the view in the URL's fragment,
 * `#v1.` + base64url(deflate(JSON)). Reading one is defensive: a bad
 * alphabet, a wrong version, an inflated size over the cap (a zip bomb), bad
 * JSON, an experiment the validator refuses or a view that is not one are each
 * named, and nothing is returned to apply.
 */
import { deflateSync, Inflate } from 'fflate';
import type { Experiment } from '../../../core/experiment';
import { validateExperiment } from '../../../core/validate';
import type { Translate } from '../../../i18n';
import { MAX_LINK_LENGTH } from '../../../shared/api';
import { PANEL_IDS, type PanelId } from '../studio/layout';

/** A link longer than this is refused (with its size, and a suggestion to share the file). */
export { MAX_LINK_LENGTH };

export const LINK_VERSION = 1;
/** The most a link may inflate to: far above any link of 8,000 characters, far below a bomb. */
export const MAX_INFLATED = 1 << 20;
/** Where a link copied in the desktop app points: the address `npm run web` serves the app on. */
export const DESKTOP_LINK_BASE = 'http://127.0.0.1:5199/';

/** What the studio shows, besides the experiment. */
export interface LinkView {
  /** The frame (step) shown. */
  step: number;
  /** The sub-step (0 forward … 3 update) when sub-steps are on; null when off. */
  sub: number | null;
  /** The panels shown. */
  panels: PanelId[];
  /** The chain diagram's example: its index, −1 for the mean over the data, null for the worst. */
  example: number | null;
  /** The loss surface: its two parameters (−1: the output unit's θ and b), its mode and view. */
  surface: { p: number; q: number; mode: '2d' | '3d'; log: boolean; yaw: number; pitch: number };
  /** The unit plots draw the naive −log σ(z). */
  naive: boolean;
  /** The lesson open (its index), or null. */
  lesson: number | null;
}

export type LinkResult =
  { ok: true; experiment: Experiment; view: LinkView } | { ok: false; problems: string[] };

function toBase64Url(bytes: Uint8Array): string {
  let s = '';
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64Url(text: string): Uint8Array | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text) || text.length % 4 === 1) return null;
  const b64 = text.replace(/-/g, '+').replace(/_/g, '/') + '='.repeat((4 - (text.length % 4)) % 4);
  try {
    const s = atob(b64);
    const out = new Uint8Array(s.length);
    for (let i = 0; i < s.length; i++) out[i] = s.charCodeAt(i);
    return out;
  } catch {
    return null;
  }
}

/** Inflates at most `cap` bytes: null when the data says more (or is not deflate data at all). */
function inflateCapped(data: Uint8Array, cap: number): { bytes: Uint8Array } | { tooBig: true } | null {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let over = false;
  let ended = false;
  const inflater = new Inflate((chunk, final) => {
    size += chunk.length;
    if (size > cap) over = true;
    else chunks.push(chunk);
    if (final) ended = true;
  });
  try {
    // Small pieces in, so that no piece can inflate to much more than the cap before it is noticed.
    for (let i = 0; i < data.length && !over; i += 512) inflater.push(data.subarray(i, i + 512), false);
    if (!over) inflater.push(new Uint8Array(0), true);
  } catch {
    return over ? { tooBig: true } : null;
  }
  if (over) return { tooBig: true };
  if (!ended) return null;
  const out = new Uint8Array(size);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return { bytes: out };
}

/** The link to an experiment and a view, or why it cannot be one (too long). */
export function encodeLink(
  base: string,
  experiment: Experiment,
  view: LinkView,
  t: Translate,
): { ok: true; link: string } | { ok: false; problem: string } {
  const json = JSON.stringify({ experiment, view });
  const packed = deflateSync(new TextEncoder().encode(json), { level: 9 });
  const link = `${base.replace(/#.*$/, '')}#v${LINK_VERSION}.${toBase64Url(packed)}`;
  if (link.length > MAX_LINK_LENGTH)
    return { ok: false, problem: t('link.tooLong', { size: link.length, max: MAX_LINK_LENGTH }) };
  return { ok: true, link };
}

/** Whether a URL (or its fragment) looks like a share link at all: `#v<number>.`. */
export function isLinkFragment(hash: string): boolean {
  return /^#?v\d+\./.test(hash);
}

const num = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);
const whole = (v: unknown, lo: number, hi: number): v is number =>
  typeof v === 'number' && Number.isInteger(v) && v >= lo && v <= hi;

/** The view of a link, checked field by field; every problem named. */
export function readView(raw: unknown, t: Translate): { view: LinkView; problems: string[] } {
  const problems: string[] = [];
  const bad = (field: string): void => {
    problems.push(t('link.badView', { field }));
  };
  const o = (typeof raw === 'object' && raw !== null && !Array.isArray(raw) ? raw : {}) as Record<
    string,
    unknown
  >;
  if (raw === undefined || o !== raw) bad('view');
  const view: LinkView = {
    step: 0,
    sub: null,
    panels: [],
    example: null,
    surface: { p: -1, q: -1, mode: '2d', log: true, yaw: 0.6, pitch: 0.9 },
    naive: false,
    lesson: null,
  };
  if (whole(o.step, 0, 1e9)) view.step = o.step;
  else bad('step');
  if (o.sub === null || whole(o.sub, 0, 3)) view.sub = o.sub as number | null;
  else bad('sub');
  if (Array.isArray(o.panels) && o.panels.every((p) => (PANEL_IDS as readonly unknown[]).includes(p)))
    view.panels = [...new Set(o.panels as PanelId[])];
  else bad('panels');
  if (o.example === null || whole(o.example, -1, 1e9)) view.example = o.example as number | null;
  else bad('example');
  const s = (typeof o.surface === 'object' && o.surface !== null ? o.surface : {}) as Record<string, unknown>;
  if (
    whole(s.p, -1, 1e9) &&
    whole(s.q, -1, 1e9) &&
    (s.mode === '2d' || s.mode === '3d') &&
    typeof s.log === 'boolean' &&
    num(s.yaw) &&
    num(s.pitch)
  )
    view.surface = { p: s.p, q: s.q, mode: s.mode, log: s.log, yaw: s.yaw, pitch: s.pitch };
  else bad('surface');
  if (typeof o.naive === 'boolean') view.naive = o.naive;
  else bad('naive');
  if (o.lesson === null || whole(o.lesson, 0, 99)) view.lesson = o.lesson as number | null;
  else bad('lesson');
  return { view, problems };
}

/** Reads a pasted link, a URL, or just its fragment. */
export function decodeLink(text: string, t: Translate): LinkResult {
  const trimmed = text.trim();
  if (trimmed.length > MAX_LINK_LENGTH)
    return { ok: false, problems: [t('link.tooLong', { size: trimmed.length, max: MAX_LINK_LENGTH })] };
  const hash = trimmed.includes('#') ? trimmed.slice(trimmed.indexOf('#') + 1) : trimmed;
  const m = /^v(\d+)\.(.*)$/s.exec(hash);
  if (!m) return { ok: false, problems: [t('link.notLink')] };
  if (Number(m[1]) !== LINK_VERSION)
    return { ok: false, problems: [t('link.version', { version: m[1], supported: LINK_VERSION })] };
  const packed = fromBase64Url(m[2]);
  if (packed === null || packed.length === 0) return { ok: false, problems: [t('link.base64')] };
  const inflated = inflateCapped(packed, MAX_INFLATED);
  if (inflated === null) return { ok: false, problems: [t('link.corrupt')] };
  if ('tooBig' in inflated) return { ok: false, problems: [t('link.tooBig', { max: MAX_INFLATED / 1024 })] };
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(inflated.bytes));
  } catch {
    return { ok: false, problems: [t('link.corrupt')] };
  }
  const o = (typeof parsed === 'object' && parsed !== null ? parsed : {}) as Record<string, unknown>;
  const v = validateExperiment(o.experiment, t);
  const { view, problems } = readView(o.view, t);
  const all = [...(v.ok ? [] : v.errors), ...problems];
  if (!v.ok || all.length > 0) return { ok: false, problems: all };
  return { ok: true, experiment: v.experiment, view };
}
