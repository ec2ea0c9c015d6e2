/**
 * The message catalogues and what reads them: every string a person sees, in
 * English and 简体中文. Pure (no DOM, no Node): the core, the drawings, the
 * main process and the page all translate through `translator(locale)`.
 * Placeholders are `{name}`; a missing parameter stays visible as `{name}`.
 */
import { en, type MessageKey } from './en';
import { zhCN } from './zh-CN';

export type { MessageKey } from './en';
export const LOCALES = ['en', 'zh-CN'] as const;
export type Locale = (typeof LOCALES)[number];
export type Params = Record<string, string | number>;
export type Translate = (key: MessageKey, params?: Params) => string;

export const CATALOGUES: Record<Locale, Record<MessageKey, string>> = { en, 'zh-CN': zhCN };

/** The names of the languages, each in itself (for the language menu). */
export const LANGUAGE_NAMES: Record<Locale, string> = { en: 'English', 'zh-CN': '简体中文' };

/** The app's language for an OS or browser locale: Chinese for zh*, English otherwise. */
export function resolveLocale(osLocale: string | undefined | null): Locale {
  return /^zh\b/i.test(osLocale ?? '') ? 'zh-CN' : 'en';
}

export function isLocale(v: unknown): v is Locale {
  return typeof v === 'string' && (LOCALES as readonly string[]).includes(v);
}

/** `{name}` placeholders of a message, sorted (for the catalogue check). */
export function placeholders(message: string): string[] {
  return [...message.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
}

export function format(message: string, params?: Params): string {
  if (!params) return message;
  return message.replace(/\{(\w+)\}/g, (all, name: string) =>
    params[name] === undefined ? all : String(params[name]),
  );
}

const cache = new Map<Locale, Translate>();

/** The translate function of a locale. */
export function translator(locale: Locale): Translate {
  let t = cache.get(locale);
  if (!t) {
    const catalogue = CATALOGUES[locale];
    t = (key, params) => format(catalogue[key] ?? en[key] ?? key, params);
    cache.set(locale, t);
  }
  return t;
}

/** English: the default of every function that can speak. */
export const EN: Translate = translator('en');

/** A number for people in a locale: grouping, and at most `digits` decimals. */
export function formatNumber(locale: Locale, n: number, digits = 0): string {
  return new Intl.NumberFormat(locale, { maximumFractionDigits: digits }).format(n);
}
