/**
 * The validator's problems worded for a person: "Learning rate must be above 0
 * and at most 1,000,000", in the page's language, with the file's path
 * (`optimizer.learningRate`) kept as the detail. The validator itself is
 * unchanged (its messages are those of the files and `npm run sim`): it runs
 * here with a translator that records which message it chose with which
 * values, so that nothing is parsed back out of finished sentences.
 */
import { type MessageKey, type Params, type Translate } from '../../../i18n';
import { validateExperiment, type ValidationResult } from '../../../core/validate';
import type { Experiment } from '../../../core/experiment';

/** One problem: the sentence for a person, the file's path, and the validator's own message. */
export interface Problem {
  path: string;
  message: string;
  detail: string;
}

interface Call {
  key: MessageKey;
  params: Params;
}

/** A recorded message stands in the validator's text as this mark and its number. */
const MARK = '\u2063';
const TOKEN = new RegExp(`${MARK}(\\d+)${MARK}`, 'g');

/** A translator that returns marks, and the calls behind them. */
function recorder(): { t: Translate; calls: Call[] } {
  const calls: Call[] = [];
  const t: Translate = (key, params = {}) => {
    calls.push({ key, params });
    return `${MARK}${calls.length - 1}${MARK}`;
  };
  return { t, calls };
}

/** The validator's message of a recorded text, in the page's language (marks inside resolved too). */
function render(text: string, calls: Call[], t: Translate): string {
  return text.replace(TOKEN, (_all, n: string) => {
    const c = calls[Number(n)];
    const params: Params = {};
    for (const [k, v] of Object.entries(c.params))
      params[k] = typeof v === 'string' ? render(v, calls, t) : v;
    return t(c.key, params);
  });
}

function callOf(text: string, calls: Call[]): Call | null {
  const m = new RegExp(`^${MARK}(\\d+)${MARK}$`).exec(text);
  return m ? calls[Number(m[1])] : null;
}

/** The field a path names, as the editor labels it; null for the paths a person never edits there. */
const FIELDS: [RegExp, MessageKey][] = [
  [/^(variants\[\d+\]\.)?optimizer\.learningRate$/, 'problem.field.learningRate'],
  [/^(variants\[\d+\]\.)?optimizer\.momentum$/, 'problem.field.momentum'],
  [/^(variants\[\d+\]\.)?optimizer\.batchSize$/, 'problem.field.batchSize'],
  [/^steps$/, 'problem.field.steps'],
  [/^seed$/, 'problem.field.seed'],
  [/^data\.n$/, 'problem.field.examples'],
  [/^data\.noise$/, 'problem.field.noise'],
  [/^(data|model)\.classes$/, 'problem.field.classes'],
  [/^model\.hidden(\[\d+\])?$/, 'problem.field.hidden'],
  [/^variants\[\d+\]\.name$/, 'problem.field.name'],
  [/^init\.layers\[\d+\]\.(W|b)(\[\d+\])?$/, 'problem.field.weights'],
];

function fieldOf(path: string): MessageKey | null {
  return FIELDS.find(([re]) => re.test(path))?.[1] ?? null;
}

/** "> 0" / "≤ 1000000" as the validator writes a bound, in words. */
function bound(text: string, t: Translate, num: (x: number) => string): string | null {
  const m = /^(>|≥|<|≤) (.+)$/.exec(text);
  if (!m || !Number.isFinite(Number(m[2]))) return null;
  const key: Record<string, MessageKey> = {
    '>': 'problem.above',
    '≥': 'problem.atLeast',
    '<': 'problem.below',
    '≤': 'problem.atMost',
  };
  return t(key[m[1]], { x: num(Number(m[2])) });
}

/** The sentence for a person, or null where the validator's own message says it best. */
function friendly(
  path: string,
  c: Call,
  calls: Call[],
  t: Translate,
  num: (x: number) => string,
): string | null {
  const key = fieldOf(path);
  const field = key ? t(key) : null;
  if (c.key === 'v.linearNll') return t('problem.linearNll');
  if (c.key === 'v.name') return t('problem.name', { max: num(Number(c.params.max)) });
  if (field === null) return null;
  const what = typeof c.params.what === 'string' ? callOf(c.params.what, calls) : null;
  if (c.key === 'v.units' && what?.key === 'v.integer')
    return t('problem.units', { min: num(Number(what.params.min)), max: num(Number(what.params.max)) });
  if (c.key === 'v.hiddenArray') return t('problem.layers', { max: num(Number(c.params.max)) });
  if (c.key === 'v.finiteNumbers') return t('problem.finite', { field });
  if ((c.key === 'v.expectedGot' || c.key === 'v.requiredExpected') && what) {
    if (what.key === 'v.integer')
      return t('problem.integer', {
        field,
        min: num(Number(what.params.min)),
        max: num(Number(what.params.max)),
      });
    if (what.key === 'v.finite') {
      const lo = bound(String(what.params.lo), t, num);
      const hi = bound(String(what.params.hi), t, num);
      if (lo && hi) return t('problem.range', { field, lo, hi });
    }
  }
  return null;
}

/** Validates like the document, and words every problem for a person. */
export function explain(
  draft: unknown,
  t: Translate,
  num: (x: number) => string,
): { ok: true; experiment: Experiment } | { ok: false; problems: Problem[] } {
  const { t: record, calls } = recorder();
  const r: ValidationResult = validateExperiment(draft, record);
  if (r.ok) return r;
  return {
    ok: false,
    problems: r.errors.map((e) => {
      const at = e.indexOf(': ');
      const path = at < 0 ? '' : e.slice(0, at);
      const text = at < 0 ? e : e.slice(at + 2);
      const detail = render(e, calls, t);
      const c = callOf(text, calls);
      const message = (c && friendly(path, c, calls, t, num)) ?? render(text, calls, t);
      return { path, message, detail };
    }),
  };
}

/** A problem as one line of a list (dialogs): the sentence, then the path. */
export function problemText(p: Problem): string {
  return p.path ? `${p.message} (${p.path})` : p.message;
}
