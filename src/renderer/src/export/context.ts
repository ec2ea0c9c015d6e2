import type { ViewOptions, ViewPanel } from '../../../draw/view';
import type { Locale } from '../../../i18n';

/** What the studio shows now: an export starts from it. */
export interface ExportContext {
  step: number;
  phase: 0 | 1 | 2 | 3;
  subSteps: boolean;
  steps: number;
  theme: 'light' | 'dark';
  /** The language of the words drawn. */
  locale: Locale;
  /** The canvas panels shown, in the studio's order. */
  panels: ViewPanel[];
  view: ViewOptions;
  variants: number;
  dims: number;
  name: string;
}
