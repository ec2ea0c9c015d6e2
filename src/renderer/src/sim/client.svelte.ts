/**
 * The UI's side of the simulation worker: loads experiments, and keeps what
 * the panels read (per-variant loss so far, progress, divergence) as state.
 */
import type { Experiment } from '../../../core/experiment';
import type { HostMessage, HostRequest, VariantInfo } from '../../../core/host';
import type { Divergence } from '../../../core/run';
import { createSimulationWorker } from './worker';

export interface VariantProgress {
  info: VariantInfo;
  /** J at frame 0 and at the last frame received. */
  firstLoss: number;
  lastLoss: number;
  frames: number;
  divergence: Divergence | null;
}

/** One frame of a variant as the data view needs it. */
export interface FrameView {
  step: number;
  params: Float64Array;
  saturated: Uint8Array;
  correct: Uint8Array;
}

export class SimulationClient {
  variants = $state.raw<VariantProgress[]>([]);
  /** The training data, as the worker generated it. */
  data = $state.raw<{ dims: number; classes: number; x: Float64Array; y: Int32Array } | null>(null);
  /** Each variant's last frame, once training is done. */
  finals = $state.raw<(FrameView | null)[]>([]);
  private request = 0;
  done = $state(false);
  error = $state<string | null>(null);
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
    this.variants = [];
    this.finals = [];
    this.data = null;
    this.send({ type: 'load', id: this.id, experiment });
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
        this.variants = m.variants.map((info) => ({
          info,
          firstLoss: NaN,
          lastLoss: NaN,
          frames: 0,
          divergence: null,
        }));
        this.data = { dims: m.dims, classes: m.classes, x: m.x, y: m.y };
        this.finals = m.variants.map(() => null);
        break;
      case 'frames':
        this.variants = this.variants.map((v, k) =>
          k !== m.variant
            ? v
            : {
                ...v,
                firstLoss: m.from === 0 ? m.loss[0] : v.firstLoss,
                lastLoss: m.loss[m.count - 1],
                frames: m.from + m.count,
              },
        );
        break;
      case 'progress':
        this.done = m.done;
        this.variants = this.variants.map((v, k) => ({ ...v, divergence: m.divergences[k] }));
        if (m.done) {
          m.lengths.forEach((length, k) =>
            this.send({
              type: 'details',
              id: this.id,
              variant: k,
              step: length - 1,
              request: ++this.request,
            }),
          );
        }
        break;
      case 'details':
        this.finals = this.finals.map((f, k) =>
          k !== m.variant
            ? f
            : {
                step: m.frame.step,
                params: m.frame.params,
                saturated: m.details.saturated,
                correct: m.details.correct,
              },
        );
        break;
      case 'error':
        this.error = m.message;
        break;
      default:
        break;
    }
  }
}
