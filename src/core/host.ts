/**
 * The simulation as a message-driven service: what the app's Web Worker runs.
 * It trains every variant in short time slices, streams each slice's frames
 * (scalars, parameters, gradients, momentum, batches) as transferable typed
 * arrays, and drops stale work as soon as a newer experiment arrives. Timing and posting are injected, so it is pure.
 */
import type { Experiment } from './experiment';
import type { FrameBatch } from './history';
import type { Divergence } from './run';
import { createSimulation, type Simulation } from './simulation';

export type HostRequest =
  /**
   * Start over with a validated experiment; `id` tags every answer about it.
   * `variants` names the variants this host trains (default: all), so that
   * several hosts can share an experiment's variants, each on its own core.
   */
  | { type: 'load'; id: number; experiment: Experiment; variants?: number[] }
  /**
   * Nothing for this host in experiment `id` (fewer variants than hosts): it drops its old work
   * and stands by, without building the experiment.
   */
  | { type: 'idle'; id: number };

export interface VariantInfo {
  name: string;
  paramCount: number;
  /** Weight layers: the width of each frame's gradNorms. */
  layers: number;
  /** Logits per example (1, or K for softmax). */
  width: number;
  /** μ ≠ 0: the frames carry the momentum buffer. */
  keepsVelocity: boolean;
}

export type HostMessage =
  | {
      type: 'loaded';
      id: number;
      variants: VariantInfo[];
      dims: number;
      classes: number;
      x: Float64Array;
      y: Int32Array;
    }
  /** Frames from..from+count of one variant's history (see History.slice). */
  | ({ type: 'frames'; id: number; variant: number } & FrameBatch)
  | {
      type: 'progress';
      id: number;
      /** Every variant this host trains is done. */
      done: boolean;
      /** The variants this host trains; `lengths` and `divergences` hold every variant, the others 0 and null. */
      variants: number[];
      lengths: number[];
      divergences: (Divergence | null)[];
    }
  | { type: 'error'; id: number; message: string };

export interface HostEnvironment {
  post(message: HostMessage, transfer: ArrayBuffer[]): void;
  /** Runs `fn` soon, after pending messages (setTimeout(fn, 0) in a worker). */
  schedule(fn: () => void): void;
  /** Milliseconds, monotonic (performance.now()). */
  now(): number;
}

/** Training time per slice before the host yields to incoming messages. */
export const SLICE_MS = 12;

export function createSimulationHost(env: HostEnvironment): (request: HostRequest) => void {
  let sim: Simulation | null = null;
  let id = -1;
  let target = 0;
  /** Frames already posted, per run. */
  let sent: number[] = [];
  /** The variants this host trains, in order. */
  let owned: number[] = [];
  let scheduled = false;

  function post(run: number): void {
    const r = sim!.runs[run];
    const from = sent[run];
    const count = r.length - from;
    if (count <= 0) return;
    const msg: HostMessage = { type: 'frames', id, variant: run, ...r.history.slice(from, from + count) };
    sent[run] = r.length;
    env.post(
      msg,
      [
        msg.loss,
        msg.accuracy,
        msg.saturatedRight,
        msg.saturatedWrong,
        msg.gradNorms,
        msg.params,
        msg.grads,
        msg.velocity,
        msg.batches,
      ].map((a) => a.buffer as ArrayBuffer),
    );
  }

  function finished(): boolean {
    const runs = sim!.runs;
    return owned.every((k) => runs[k].divergence !== null || runs[k].length > target);
  }

  function progress(): void {
    const s = sim!;
    env.post(
      {
        type: 'progress',
        id,
        done: finished(),
        variants: owned.slice(),
        lengths: s.runs.map((r) => r.length),
        divergences: s.runs.map((r) => r.divergence),
      },
      [],
    );
  }

  /** One slice: a few steps of each unfinished run in turn until the time is up. */
  function work(): void {
    scheduled = false;
    if (!sim || finished()) return;
    const start = env.now();
    const runs = sim.runs;
    do {
      for (const k of owned) {
        const r = runs[k];
        if (r.divergence === null && r.length <= target) r.advanceTo(Math.min(target, r.length + 15));
      }
    } while (!finished() && env.now() - start < SLICE_MS);
    owned.forEach(post);
    progress();
    if (!finished()) kick();
  }

  function kick(): void {
    if (!scheduled) {
      scheduled = true;
      env.schedule(work);
    }
  }

  return (request) => {
    try {
      switch (request.type) {
        case 'load': {
          id = request.id;
          sim = createSimulation(request.experiment);
          target = request.experiment.steps;
          sent = sim.runs.map(() => 0);
          owned = request.variants
            ? request.variants.filter(
                (k, i, all) => Number.isInteger(k) && k >= 0 && k < sim!.runs.length && all.indexOf(k) === i,
              )
            : sim.runs.map((_, k) => k);
          // Each owned run will hold target + 1 frames: room for all of them now, so the slices
          // below never copy the history as it grows.
          for (const k of owned) sim.runs[k].history.reserve(target + 1);
          env.post(
            {
              type: 'loaded',
              id,
              variants: sim.runs.map((r) => ({
                name: r.name,
                paramCount: r.net.paramCount,
                layers: r.net.layers,
                width: r.net.width,
                keepsVelocity: r.history.keepsVelocity,
              })),
              dims: sim.data.dims,
              classes: sim.data.classes,
              x: sim.data.x.slice(),
              y: sim.data.y.slice(),
            },
            [],
          );
          kick();
          break;
        }
        case 'idle':
          id = request.id;
          sim = null;
          owned = [];
          break;
      }
    } catch (e) {
      env.post(
        {
          type: 'error',
          id,
          message: e instanceof Error ? e.message : String(e),
        },
        [],
      );
    }
  };
}
