/**
 * The view's choices: what the panels show beyond the frame (the chain diagram's
 * mode and example, the loss surface's parameters, ranges' view, 2-D/3-D and
 * angles, log colour, the naive formula, the data view's projection). One
 * store: the studio edits it, the export dialog reads it, share links and
 * lessons set it, so an export shows what the screen shows.
 */
import { type DataProjection, DEFAULT_PROJECTION } from '../../../core/projection';
import { chainExample, surfacePair } from '../../../draw/present';
import type { ViewOptions } from '../../../draw/view';
import type { Network } from '../../../core/network';

/** The surface's angles before anyone turns it. */
export const DEFAULT_YAW = 0.6;
export const DEFAULT_PITCH = 0.9;

export class ViewChoices {
  /** The chain diagram: the selected example (else the worst at the start), or the mean. */
  chainMode = $state<'example' | 'mean'>('example');
  /** The example clicked in a data view (−1: none). */
  selected = $state(-1);
  /** The loss surface's two parameters (indices into the first variant's θ; −1: the output unit's θ and b). */
  surfaceP = $state(-1);
  surfaceQ = $state(-1);
  surfaceMode = $state<'2d' | '3d'>('2d');
  yaw = $state(DEFAULT_YAW);
  pitch = $state(DEFAULT_PITCH);
  surfaceLog = $state(true);
  /** Unit plots: the naive −log σ(z) too. */
  naive = $state(false);
  /** The data view of more than two inputs: two of them on the axes, or along z. */
  projection = $state<DataProjection>(DEFAULT_PROJECTION);

  /** The chain diagram's example for a run whose worst example at the start is `worst` (−1: the mean). */
  example(worst: number): number {
    return chainExample(this.chainMode, this.selected, worst);
  }

  /** The surface's (p, q) for variant k of these networks. */
  pair(nets: readonly Network[], k: number): [number, number] {
    return surfacePair(nets, k, this.surfaceP, this.surfaceQ);
  }

  /** The choices as an export takes them, resolved for these networks. */
  options(nets: readonly Network[], worst: number): ViewOptions {
    return {
      example: this.example(worst),
      selected: this.selected,
      pairs: nets.map((_, k) => this.pair(nets, k)),
      surfaceMode: this.surfaceMode,
      surfaceLog: this.surfaceLog,
      yaw: this.yaw,
      pitch: this.pitch,
      naive: this.naive,
      projection: $state.snapshot(this.projection),
    };
  }
}

/** The app's view (one per window). */
export const viewChoices = new ViewChoices();
