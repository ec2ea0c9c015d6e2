/**
 * How a lesson's scene makes its chain diagrams fit a small window without shrinking their text
 * (issue 15's rule: every text drawn on a canvas at least 12 CSS px). Once the other drawings are
 * at their smallest, the diagrams give room in two ways, in this order: one variant's diagram at a
 * time (a picker for the others) at the panel's whole width, where a diagram needs fewer lines;
 * then a fixed height, which the layout fills by leaving out what matters least (see `layoutChain`).
 */

/** The chain diagrams' room in a scene. */
export interface ChainFit {
  /** The most height (CSS px) one diagram may take; Infinity: its natural height. */
  height: number;
  /** Only one variant's diagram, picked from a list (the others' are a click away). */
  one: boolean;
}

export const NATURAL_CHAIN: ChainFit = { height: Infinity, one: false };

/**
 * The shortest a fitted diagram gets: its first line (which example, its loss) and a graph with
 * room for a label above and below the path at 12 px.
 */
export const MIN_CHAIN_HEIGHT = 120;

/**
 * The next step towards fitting: `excess` px too tall with the other drawings at their smallest,
 * `tall` the height a diagram takes now, `variants` how many there are. Null: nothing more to give.
 * A little too tall (a quarter of a diagram or less, as a lesson may be at 1280×800): the diagrams
 * stay side by side and get shorter; more than that: one at a time first, then shorter.
 * Only ever smaller while a scene is staged, so the fitting settles; the next scene starts natural.
 */
export function shrinkChain(fit: ChainFit, excess: number, tall: number, variants: number): ChainFit | null {
  if (excess <= 2) return null;
  const split = !fit.one && variants > 1;
  const now = Math.min(fit.height, tall);
  const height = Math.max(MIN_CHAIN_HEIGHT, Math.floor(now - excess));
  const shorter = tall > MIN_CHAIN_HEIGHT && height < now;
  if (split && (!shorter || excess > tall / 4)) return { ...fit, one: true };
  return shorter ? { ...fit, height } : null;
}
