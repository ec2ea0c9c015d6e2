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
