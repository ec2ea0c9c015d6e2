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
import type { LessonScene } from '../../../lessons/lessons';
import type { LinkView } from '../share/link';

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

  /** A lesson's scene: its chain and surface, the rest as at the start (nothing of the view before stays). */
  fromScene(s: Pick<LessonScene, 'chain' | 'surface' | 'naive'>): void {
    this.chainMode = s.chain;
    this.selected = -1;
    this.projection = DEFAULT_PROJECTION;
    this.surfaceP = s.surface.p;
    this.surfaceQ = s.surface.q;
    this.surfaceMode = s.surface.mode;
    this.surfaceLog = s.surface.log;
    this.yaw = DEFAULT_YAW;
    this.pitch = DEFAULT_PITCH;
    this.naive = s.naive;
  }

  /** The choices a share link keeps. */
  toLink(): Pick<LinkView, 'example' | 'surface' | 'naive'> {
    return {
      example: this.chainMode === 'mean' ? -1 : this.selected >= 0 ? this.selected : null,
      surface: {
        p: this.surfaceP,
        q: this.surfaceQ,
        mode: this.surfaceMode,
        log: this.surfaceLog,
        yaw: this.yaw,
        pitch: this.pitch,
      },
      naive: this.naive,
    };
  }

  /** A share link's choices (example −1: the mean; null: the worst at the start). */
  fromLink(v: Pick<LinkView, 'example' | 'surface' | 'naive'>): void {
    this.chainMode = v.example === -1 ? 'mean' : 'example';
    this.selected = v.example !== null && v.example >= 0 ? v.example : -1;
    this.surfaceP = v.surface.p;
    this.surfaceQ = v.surface.q;
    this.surfaceMode = v.surface.mode;
    this.surfaceLog = v.surface.log;
    this.yaw = v.surface.yaw;
    this.pitch = v.surface.pitch;
    this.naive = v.naive;
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
