import type { Network } from '../../../core/network';
import type { ViewPanel } from '../../../draw/view';
import type { Locale } from '../../../i18n';

/**
 * What the studio shows now: an export starts from it. The view's choices (chain example, surface
 * pair and angles, log colour, naive formula, projection) are not copied here: the dialog reads
 * them from the studio's `viewChoices`, resolved for these networks.
 */
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
  /** Each variant's network (the surface's parameters are resolved against them). */
  nets: readonly Network[];
  /** The chain diagram's default example (the worst at the start). */
  worst: number;
  variants: number;
  dims: number;
  name: string;
}
