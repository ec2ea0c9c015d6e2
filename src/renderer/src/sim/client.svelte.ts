/**
 * The UI's side of the simulation worker: loads experiments and gathers the
 * streamed frames of every variant into Tracks. The tracks are plain arrays
 * (not reactive: they grow by thousands of frames a second); `version`
 * changes whenever they grew, so views can depend on it.
 */
import type { Experiment } from '../../../core/experiment';
import type { HostMessage, HostRequest, VariantInfo } from '../../../core/host';
import { History } from '../../../core/history';
import { createSimulationWorker } from './worker';

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
  /** Bumped whenever any track grew or a run diverged. */
  version = $state(0);
  /** Every run has reached the experiment's last step (or diverged). */
  done = $state(false);
  error = $state<string | null>(null);
  /** The experiment the tracks belong to. */
  experiment = $state.raw<Experiment | null>(null);
  tracks: History[] = [];
  private readonly worker: Worker;
  private id = 0;

  constructor(worker: Worker = createSimulationWorker()) {
    this.worker = worker;
    this.worker.onmessage = (e: MessageEvent<HostMessage>) => this.receive(e.data);
    this.worker.onerror = (e) => (this.error = e.message || 'the simulation stopped unexpectedly');
  }

  load(experiment: Experiment): void {
    this.id++;
    this.done = false;
    this.error = null;
    this.send({ type: 'load', id: this.id, experiment });
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

  dispose(): void {
    this.worker.terminate();
  }

  private send(request: HostRequest): void {
    this.worker.postMessage(request);
  }

  private receive(m: HostMessage): void {
    if (m.id !== this.id) return; // an answer about an experiment since replaced
    switch (m.type) {
      case 'loaded':
        // The old tracks stay on screen until the new experiment's first frames arrive.
        this.tracks = m.variants.map((v) => new History(v.paramCount, v.layers, v.keepsVelocity));
        this.variants = m.variants;
        this.experiment = this.pending;
        this.data = { dims: m.dims, classes: m.classes, n: m.y.length, x: m.x, y: m.y };
        this.version++;
        break;
      case 'frames':
        this.tracks[m.variant].append(m);
        this.version++;
        break;
      case 'progress':
        m.divergences.forEach((d, k) => {
          if (this.tracks[k]) this.tracks[k].divergence = d;
        });
        this.done = m.done;
        this.version++;
        break;
      case 'error':
        this.error = m.message;
        break;
      default:
        break;
    }
  }
}
