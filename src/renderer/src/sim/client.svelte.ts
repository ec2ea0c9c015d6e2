/**
 * The UI's side of the simulation workers: loads experiments and gathers the
 * streamed frames of every variant into Tracks. The variants are independent,
 * so they are shared out over up to two workers (one per core beyond one),
 * each training its own; every worker computes bit for bit what one would. The tracks are plain arrays
 * (not reactive: they grow by thousands of frames a second); `version`
 * changes when they grew, at most once per animation frame (each worker posts a few messages every
 * 12 ms, and every change re-runs what reads the tracks), and at once when a run is done or diverged,
 * so views can depend on it.
 */
import type { Experiment } from '../../../core/experiment';
import type { SimulationWorkerControl } from './simulation.worker';
import type { HostMessage, HostRequest, VariantInfo } from '../../../core/host';
import { History } from '../../../core/history';
import { createSimulationWorker } from './worker';

/** The most workers the studio trains on. */
export const MAX_SIMULATION_WORKERS = 2;

/** How many workers this machine's cores are worth (at least one). */
export function simulationWorkerCount(cores: number | undefined): number {
  return Math.max(1, Math.min(MAX_SIMULATION_WORKERS, Math.floor(cores ?? 1) || 1));
}

/** Variant k trains on worker k mod `workers`: the shares of `variants` variants, in order. */
export function shareVariants(variants: number, workers: number): number[][] {
  const shares: number[][] = Array.from({ length: Math.max(1, Math.min(workers, variants)) }, () => []);
  for (let k = 0; k < variants; k++) shares[k % shares.length].push(k);
  return shares;
}

export interface SimData {
  dims: number;
  classes: number;
  n: number;
  x: Float64Array;
  y: Int32Array;
}

export class SimulationClient {
  /** The variants of the experiment being trained (empty until the worker answers). */
  variants = $state.raw<VariantInfo[]>([]);
  /** The training data, as the worker generated it. */
  data = $state.raw<SimData | null>(null);
  /** Bumped after the tracks grew (at most once per animation frame), and at once when a run diverged or is done. */
  version = $state(0);
  /** Every run has reached the experiment's last step (or diverged). */
  done = $state(false);
  error = $state<string | null>(null);
  /** Experiments whose tracks have been made (bumped when a load is answered). */
  loads = $state(0);
  /** The experiment the tracks belong to. */
  experiment = $state.raw<Experiment | null>(null);
  tracks: History[] = [];
  private readonly workers: Worker[];
  private id = 0;
  /** Per worker: its variants of the current experiment are done (true when it has none). */
  private workerDone: boolean[] = [];
  /** The current experiment's tracks exist (the first worker's 'loaded' made them). */
  private loadedId = -1;
  /** A bump of `version` is scheduled for the next animation frame. */
  private bumpPending = false;

  constructor(
    workers: Worker[] = Array.from(
      { length: simulationWorkerCount(globalThis.navigator?.hardwareConcurrency) },
      createSimulationWorker,
    ),
  ) {
    this.workers = workers;
    workers.forEach((w, i) => {
      w.onmessage = (e: MessageEvent<HostMessage>) => this.receive(e.data, i);
      w.onerror = (e) => (this.error = e.message || 'the simulation stopped unexpectedly');
    });
  }

  /** How many workers train (the number the machine's cores allow). */
  get workerCount(): number {
    return this.workers.length;
  }

  load(experiment: Experiment): void {
    this.id++;
    this.done = false;
    this.error = null;
    const shares = shareVariants(Math.max(1, experiment.variants?.length ?? 0), this.workers.length);
    this.workerDone = this.workers.map((_, i) => i >= shares.length);
    // A worker without a share (fewer variants than workers) stands by: it stops its old work and
    // builds nothing.
    this.workers.forEach((w, i) => {
      const request: HostRequest = shares[i]
        ? { type: 'load', id: this.id, experiment, variants: shares[i] }
        : { type: 'idle', id: this.id };
      w.postMessage(request);
    });
    this.pending = experiment;
  }

  private pending: Experiment | null = null;

  /**
   * Frames every variant can show so far: the shortest track still training
   * (a diverged run has no frames after its last, and does not hold the others back).
   */
  get available(): number {
    const training = this.tracks.filter((t) => t.divergence === null);
    if (training.length > 0) return Math.min(...training.map((t) => t.length));
    return Math.max(0, ...this.tracks.map((t) => t.length));
  }

  private duty = 1;
  /**
   * The share of its time each training worker computes (0 < duty ≤ 1; 1: all it can). Told only
   * when it changes; it lasts across experiments.
   */
  pace(duty: number): void {
    if (duty === this.duty) return;
    this.duty = duty;
    for (const w of this.workers) w.postMessage({ type: 'pace', duty } satisfies SimulationWorkerControl);
  }

  dispose(): void {
    for (const w of this.workers) w.terminate();
  }

  /** The tracks grew: views learn of it on the next animation frame, together with whatever else arrives by then. */
  private grew(): void {
    if (this.bumpPending) return;
    this.bumpPending = true;
    const bump = () => {
      if (this.bumpPending) this.bumpNow();
    };
    // Where there are no animation frames (a test, a hidden page's fallback), about one frame's time.
    if (typeof requestAnimationFrame === 'function') requestAnimationFrame(bump);
    else setTimeout(bump, 16);
  }

  private bumpNow(): void {
    this.bumpPending = false;
    this.version++;
  }

  private receive(m: HostMessage, worker: number): void {
    if (m.id !== this.id) return; // an answer about an experiment since replaced
    switch (m.type) {
      case 'loaded':
        // Every worker generates the same data and variants; the first to answer makes the tracks.
        if (this.loadedId === m.id) break;
        this.loadedId = m.id;
        // The old tracks stay on screen until the new experiment's first frames arrive.
        // Room for every step at once: growing a track of 10,000 frames later copies megabytes on
        // the page, in one task (a tenth of a second or more).
        this.tracks = m.variants.map((v) => {
          const track = new History(v.paramCount, v.layers, v.keepsVelocity);
          track.reserve((this.pending?.steps ?? 0) + 1);
          return track;
        });
        this.variants = m.variants;
        this.experiment = this.pending;
        this.data = { dims: m.dims, classes: m.classes, n: m.y.length, x: m.x, y: m.y };
        this.loads++;
        this.bumpNow();
        break;
      case 'frames': {
        // A variant's first frames are shown at once (an edit's first picture waits for no frame).
        const track = this.tracks[m.variant];
        const first = track.length === 0;
        track.append(m);
        if (first) this.bumpNow();
        else this.grew();
        break;
      }
      case 'progress': {
        // A run that diverged or a worker that finished is shown at once (the transport's bounds and
        // the status change); mere growth waits for the next animation frame.
        let news = m.done && !this.workerDone[worker];
        for (const k of m.variants) {
          const track = this.tracks[k];
          if (!track) continue;
          if (track.divergence === null && m.divergences[k] !== null) news = true;
          track.divergence = m.divergences[k];
        }
        this.workerDone[worker] = m.done;
        this.done = this.workerDone.every(Boolean);
        if (news) this.bumpNow();
        else this.grew();
        break;
      }
      case 'error':
        this.error = m.message;
        break;
      default:
        break;
    }
  }
}
