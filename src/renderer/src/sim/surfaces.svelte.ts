/**
 * The UI's side of the surface worker: asks for the surfaces the panel shows
 * (a batch replacing the last), keeps every surface received by its key (a
 * model with no hidden layer keeps one surface for the whole run), and times
 * the first coarse image and the full surface of each request.
 */
import type { SurfaceHostMessage, SurfaceRequest } from '../../../core/surfaceHost';
import type { SurfaceGrid } from '../../../draw/surface';
import type { SurfaceWorkerControl } from './surface.worker';
import { createSurfaceHelperWorker, createSurfaceWorker } from './worker';

/** Surfaces kept by key (the current ones and a few recent, for scrubbing back). */
const KEEP = 48;

export interface SurfaceTiming {
  firstMs: number;
  completeMs: number | null;
}

export class SurfaceClient {
  /** Bumped whenever a surface arrived. */
  version = $state(0);
  error = $state<string | null>(null);
  private readonly worker: Worker;
  // Plain maps on purpose: large arrays arrive often; `version` is the one reactive signal.
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly cache = new Map<string, { grid: SurfaceGrid; complete: boolean; step?: number }>();
  /** The frame of each surface asked for, by key, until it arrives. */
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  private readonly steps = new Map<string, number>();
  // eslint-disable-next-line svelte/prefer-svelte-reactivity
  readonly timings = new Map<string, SurfaceTiming>();
  private batch = 0;
  private wanted = '';
  /** Held (playing): the latest requests, sent once the batch in hand is done. */
  private pending: SurfaceRequest[] | null = null;
  /** Whether the batch in hand was asked while playing (it is then not replaced before it is done). */
  private held = false;
  private duty = 1;

  private readonly helper: Worker | null;
  private helped = false;

  /** `helper`: a second thread computing some rows of each surface (null: the surface worker alone). */
  constructor(worker: Worker = createSurfaceWorker(), helper: Worker | null = createSurfaceHelperWorker()) {
    this.worker = worker;
    this.helper = helper;
    this.worker.onmessage = (e: MessageEvent<SurfaceHostMessage>) => this.receive(e.data);
    this.worker.onerror = (e) => (this.error = e.message || 'the surface worker stopped');
    if (helper) {
      const channel = new MessageChannel();
      helper.postMessage({ port: channel.port2 }, [channel.port2]);
      this.worker.postMessage({ type: 'helper', port: channel.port1 } satisfies SurfaceWorkerControl, [
        channel.port1,
      ]);
      // Without its helper the surface worker computes every row itself.
      helper.onerror = () =>
        this.worker.postMessage({ type: 'helper-stopped' } satisfies SurfaceWorkerControl);
    }
  }

  /**
   * The surfaces wanted now; those already complete are not asked for again. `hold` (while playing):
   * a batch not done yet is not replaced, the latest requests follow it once it is done — replaced
   * four times a second, the surfaces of a heavy network would never be done at all.
   */
  want(requests: SurfaceRequest[], hold = false): void {
    const missing = requests.filter((r) => !this.cache.get(r.key)?.complete);
    for (const r of missing) if (r.step !== undefined) this.steps.set(r.key, r.step);
    // Asked for and never answered (replaced before they came): the oldest are forgotten.
    while (this.steps.size > 4 * KEEP) this.steps.delete(this.steps.keys().next().value!);
    const id = missing.map((r) => r.key).join('\n');
    if (id === this.wanted) {
      this.pending = null;
      return;
    }
    // Only a batch asked while playing is held to: one asked when stopped (128², costly) gives way.
    if (hold && this.held && this.wanted !== '') {
      this.pending = missing;
      return;
    }
    this.pending = null;
    this.held = hold;
    this.wanted = id;
    if (missing.length === 0) return;
    this.worker.postMessage({ type: 'surfaces', batch: ++this.batch, requests: missing });
  }

  /**
   * The share of a core the surface worker may take (1: all it wants). While the page plays back
   * on two cores, the page needs one of them for its frames.
   */
  pace(duty: number): void {
    if (duty === this.duty) return;
    this.duty = duty;
    this.worker.postMessage({ type: 'pace', duty } satisfies SurfaceWorkerControl);
  }

  /**
   * The surface received last whose key starts with `prefix` (a variant's pair, at any frame), its
   * key, and the frame it was asked for at (when the request named one).
   */
  latest(prefix: string): { key: string; grid: SurfaceGrid; step?: number } | null {
    let found: { key: string; grid: SurfaceGrid; step?: number } | null = null;
    // In the order received (a key received again moves to the end): the last match is the newest.
    for (const [key, v] of this.cache)
      if (key.startsWith(prefix))
        found = { key, grid: v.grid, ...(v.step !== undefined ? { step: v.step } : {}) };
    return found;
  }

  /** Lets the helper thread take rows (true) or not (false: while the simulation trains on the cores). */
  helping(on: boolean): void {
    if (this.helper && on !== this.helped) {
      this.helped = on;
      this.worker.postMessage({ type: 'helper-enabled', on } satisfies SurfaceWorkerControl);
    }
  }

  get(key: string): SurfaceGrid | null {
    return this.cache.get(key)?.grid ?? null;
  }

  dispose(): void {
    this.worker.terminate();
    this.helper?.terminate();
  }

  private receive(m: SurfaceHostMessage): void {
    if (m.type === 'error') {
      this.error = `${m.key}: ${m.message}`;
      this.settle(m.key);
      return;
    }
    const old = this.cache.get(m.key);
    // A coarse level never replaces a finer one already here.
    if (old && (old.complete || old.grid.size > m.size)) return;
    this.cache.delete(m.key);
    const step = this.steps.get(m.key) ?? old?.step;
    if (m.complete) this.steps.delete(m.key);
    this.cache.set(m.key, {
      grid: { size: m.size, pRange: m.pRange, qRange: m.qRange, values: m.values },
      complete: m.complete,
      ...(step !== undefined ? { step } : {}),
    });
    while (this.cache.size > KEEP) this.cache.delete(this.cache.keys().next().value!);
    const t = this.timings.get(m.key) ?? { firstMs: m.elapsed, completeMs: null };
    if (m.complete) t.completeMs = m.elapsed;
    this.timings.set(m.key, t);
    if (m.complete) this.settle(m.key);
    this.version++;
  }

  /** `key` is done (or failed): no longer wanted; once nothing is, the held requests go out. */
  private settle(key: string): void {
    if (!this.wanted.split('\n').includes(key)) return;
    this.wanted = this.wanted
      .split('\n')
      .filter((k) => k !== key)
      .join('\n');
    if (this.wanted === '' && this.pending) {
      const next = this.pending;
      this.pending = null;
      this.want(next, true);
    }
  }
}
