/**
 * The page's language: one reactive locale, and `t` / `num` that read it, so
 * every string and number on the page follows View › Language at once.
 */
import {
  formatNumber,
  type Locale,
  type MessageKey,
  type Params,
  type Translate,
  translator,
} from '../../i18n';

class I18n {
  locale = $state<Locale>('en');
}

export const i18n = new I18n();

/** The message `key` in the current language. */
export const t: Translate = (key: MessageKey, params?: Params) => translator(i18n.locale)(key, params);

/** A number in the current language's format, with at most `digits` decimals. */
export function num(x: number, digits = 0): string {
  return formatNumber(i18n.locale, x, digits);
}

/** A number as a sentence says it: whole numbers in full, others to three significant digits. */
export function say(x: number): string {
  if (!Number.isFinite(x)) return Number.isNaN(x) ? 'NaN' : x > 0 ? '∞' : '−∞';
  if (Number.isInteger(x) && Math.abs(x) < 1e9) return num(x);
  const a = Math.abs(x);
  return new Intl.NumberFormat(i18n.locale, {
    maximumSignificantDigits: 3,
    notation: a !== 0 && (a < 1e-3 || a >= 1e6) ? 'scientific' : 'standard',
  }).format(x);
}
