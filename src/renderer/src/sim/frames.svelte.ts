/**
 * The UI's side of the frame workers: the heavy part of each data-view frame
 * (a forward pass over the data and P(y|x) over the grid, `frameComputed`) is
 * computed off the page, ahead of the playhead, and kept per (variant, step).
 * While playing faster than the workers compute, the studio shows the nearest
 * frame already here; stopped, it computes the one it needs itself (and keeps
 * it). Variant k is computed by worker k mod the number of workers, as the
 * simulation shares its variants.
 */
import type { Experiment } from '../../../core/experiment';
import type { FrameHostMessage, FrameHostRequest, FrameJob } from '../../../draw/frameHost';
import type { FrameComputed, Ranges, SourceData } from '../../../draw/present';
import { simulationWorkerCount } from './client.svelte';
import { createFramesWorker } from './worker';

/** Bytes of computed frames kept (the least recently used go first). */
const KEEP_BYTES = 32 * 1024 * 1024;
/** By default, at most every this many animation frames a computed frame per variant (a sixth of a second at 60 fps). */
export const MAX_SPACING = 10;
/** A window moved with nothing new in it is sent to a worker at most this often (ms). */
const WINDOW_MS = 100;

function bytesOf(c: FrameComputed): number {
  const d = c.details;
  return (
    d.z.byteLength +
    d.yhat.byteLength +
    d.loss.byteLength +
    2 * d.saturated.byteLength +
    c.grid.values.byteLength
  );
}

/**
 * One worker per core beyond the page's own, at most as many as the simulation's: a worker more
 * would take the page's core from it while playing.
 */
export function framesWorkerCount(cores: number | undefined): number {
  return simulationWorkerCount((cores ?? 1) - 1);
}

export class FrameClient {
  /** Bumped when a frame the studio waits for (shown in its stead: a nearer one or none) arrived. */
  version = $state(0);
  error = $state<string | null>(null);
  private readonly workers: Worker[];
  private id = 0;
  // Plain maps on purpose: frames arrive many times a second; `version` is the one reactive signal.
  /** Computed frames by `variant:step`, least recently used first. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private cache = new Map<
    string,
    { variant: number; step: number; computed: FrameComputed; bytes: number }
  >();
  private bytes = 0;
  /** Frames asked for and not here yet (`variant:step` → step). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly asked = new Map<string, number>();
  /** Per worker: the steps it was last told to keep (from:to). */
  private windows: string[] = [];
  /** Per worker: when it was last told (performance.now()). */
  private windowAt: number[] = [];
  /** Per variant: the step it waits for (shown in its stead meanwhile). */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly waiting = new Map<number, number>();
  private fresh = false;

  constructor(
    workers: Worker[] = typeof Worker === 'undefined'
      ? []
      : Array.from(
          { length: framesWorkerCount(globalThis.navigator?.hardwareConcurrency) },
          createFramesWorker,
        ),
  ) {
    this.workers = workers;
    for (const w of workers) {
      w.onmessage = (e: MessageEvent<FrameHostMessage>) => this.receive(e.data);
      w.onerror = (e) => (this.error = e.message || 'a frame worker stopped');
    }
  }

  /** Whether frames can be computed ahead (there are workers). */
  get ahead(): boolean {
    return this.workers.length > 0;
  }

  /** What the frames kept belong to (the studio's run source: a new one for each experiment or data). */
  private owner: unknown = null;

  /** The frames of `owner` (a new owner: a new experiment or data, and every frame kept is dropped). */
  ensure(owner: unknown, experiment: Experiment, data: SourceData, ranges: Ranges): void {
    if (owner === this.owner) return;
    this.owner = owner;
    this.load(experiment, data, ranges);
  }

  private load(experiment: Experiment, data: SourceData, ranges: Ranges): void {
    this.id++;
    this.cache.clear();
    this.bytes = 0;
    this.waiting.clear();
    this.asked.clear();
    this.msPerFrame = NaN;
    this.lastArrival = -1;
    this.busy = false;
    this.windows = this.workers.map(() => '');
    this.windowAt = this.workers.map(() => -Infinity);
    const request: FrameHostRequest = {
      type: 'load',
      id: this.id,
      experiment,
      data: { dims: data.dims, n: data.n, x: data.x, y: data.y, classes: data.classes },
      ranges,
    };
    for (const w of this.workers) w.postMessage(request);
  }

  /**
   * The computed part of variant's frame at `step`: that frame's when it is here; else, with
   * `within` > 0 (playing), the nearest one at most `within` steps away, and the exact one is
   * waited for; else undefined (the caller computes it and `put`s it).
   */
  pick(variant: number, step: number, within: number): { step: number; computed: FrameComputed } | undefined {
    const key = `${variant}:${step}`;
    const exact = this.cache.get(key);
    if (exact) {
      this.cache.delete(key);
      this.cache.set(key, exact);
      this.waiting.delete(variant);
      return { step, computed: exact.computed };
    }
    if (within <= 0 || !this.ahead) return undefined;
    // Waited for from now on: its arrival (or a nearer one's) bumps `version`.
    this.waiting.set(variant, step);
    let best: { step: number; computed: FrameComputed } | undefined;
    for (const e of this.cache.values()) {
      if (e.variant !== variant || Math.abs(e.step - step) > within) continue;
      // The nearest; of two as near, the earlier (playback goes forward).
      const d = Math.abs(e.step - step);
      if (!best || d < Math.abs(best.step - step) || (d === Math.abs(best.step - step) && e.step < best.step))
        best = { step: e.step, computed: e.computed };
    }
    return best;
  }

  put(variant: number, step: number, computed: FrameComputed): void {
    const key = `${variant}:${step}`;
    const old = this.cache.get(key);
    if (old) {
      this.bytes -= old.bytes;
      this.cache.delete(key);
    }
    const bytes = bytesOf(computed);
    this.cache.set(key, { variant, step, computed, bytes });
    this.bytes += bytes;
    while (this.bytes > KEEP_BYTES && this.cache.size > 1) {
      const [k, e] = this.cache.entries().next().value!;
      this.cache.delete(k);
      this.bytes -= e.bytes;
    }
  }

  /** Whether the frame is here or asked for. */
  known(variant: number, step: number): boolean {
    const key = `${variant}:${step}`;
    return this.cache.has(key) || this.asked.has(key);
  }

  /**
   * The frames wanted now (steps from..to): those here already or asked for before are not asked
   * again, and the workers drop what they were asked for outside from..to.
   */
  want(from: number, to: number, jobs: FrameJob[]): void {
    const W = this.workers.length;
    if (W === 0) return;
    for (const [key, step] of this.asked) if (step < from || step > to) this.asked.delete(key);
    const shares: FrameJob[][] = this.workers.map(() => []);
    for (const j of jobs) {
      const key = `${j.variant}:${j.step}`;
      if (this.cache.has(key) || this.asked.has(key)) continue;
      this.asked.set(key, j.step);
      // A copy of θ alone (the job's may be a view into the whole track, which would be sent whole).
      shares[j.variant % W].push({ ...j, params: j.params.slice() });
    }
    const window = `${from}:${to}`;
    const now = performance.now();
    shares.forEach((share, i) => {
      // With nothing new to ask, a worker hears of the moved window at most every WINDOW_MS (it
      // only drops what the playhead passed): one message and its copy per animation frame less.
      if (share.length === 0 && (this.windows[i] === window || now - this.windowAt[i] < WINDOW_MS)) return;
      this.windows[i] = window;
      this.windowAt[i] = now;
      const request: FrameHostRequest = { type: 'want', id: this.id, from, to, jobs: share };
      // θ's copies are handed over, not copied again.
      this.workers[i].postMessage(
        request,
        share.map((j) => j.params.buffer as ArrayBuffer),
      );
    });
  }

  /**
   * Milliseconds per frame the workers together take, measured between two frames posted back to
   * back (more was asked of them when the first came); NaN until measured for this experiment.
   */
  private msPerFrame = NaN;
  private lastArrival = -1;
  private busy = false;

  /**
   * Every how many animation frames (at `fps`) each of `variants` can have a computed frame: 1 while
   * the workers keep up with one per animation frame each, more when they cannot (so that they are
   * asked for no more than they compute, and what they compute is spread along the playback), at
   * most `max`.
   */
  spacing(variants: number, fps: number, share = 0.8, max = MAX_SPACING): number {
    if (!(this.msPerFrame > 0) || this.workers.length === 0) return 1;
    // `share` of the workers' time (a fifth of headroom by default: they share the cores with the page).
    const perSecond = (share * 1000) / this.msPerFrame;
    return Math.max(1, Math.min(max, Math.ceil((variants * fps) / perSecond)));
  }

  /** Once per animation frame: bumps `version` when a frame waited for arrived since the last call. */
  sync(): void {
    if (!this.fresh) return;
    this.fresh = false;
    this.version++;
  }

  dispose(): void {
    for (const w of this.workers) w.terminate();
  }

  private receive(m: FrameHostMessage): void {
    if (m.id !== this.id) return; // a frame of an experiment since replaced
    if (m.type === 'error') {
      this.error = m.message;
      return;
    }
    this.asked.delete(`${m.variant}:${m.step}`);
    const now = performance.now();
    if (this.busy && this.lastArrival >= 0) {
      const ms = now - this.lastArrival;
      this.msPerFrame = Number.isNaN(this.msPerFrame) ? ms : 0.8 * this.msPerFrame + 0.2 * ms;
    }
    this.lastArrival = now;
    this.busy = this.asked.size > 0;
    this.put(m.variant, m.step, { details: m.details, grid: m.grid });
    if (this.waiting.has(m.variant)) this.fresh = true;
  }
}
