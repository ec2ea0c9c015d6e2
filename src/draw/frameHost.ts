/**
 * The heavy part of the data view's frames as a message-driven service (the
 * studio's frame workers run it): every example's forward values and P(y|x)
 * over the view's grid at the θ of a frame, computed ahead of the playhead so
 * that the page only draws. A request adds frames to those wanted and drops
 * those the playhead has passed; the earliest are computed first, each in a
 * task of its own (so that a request is read between two), and posted as each
 * is done. The same
 * functions as the page's (`frameComputed`), so the numbers are the same.
 */
import type { Experiment } from '../core/experiment';
import type { Network } from '../core/network';
import { type FrameComputed, frameComputed, type Ranges, type SourceData, variantModels } from './present';

export interface FrameJob {
  variant: number;
  step: number;
  /** θ at that step (from the page's track: the worker keeps no history). */
  params: Float64Array;
}

export type FrameHostRequest =
  | { type: 'load'; id: number; experiment: Experiment; data: SourceData; ranges: Ranges }
  /**
   * Frames wanted now: `jobs` are added to those asked for before, and every frame asked for outside
   * steps from..to (the playhead has passed it, or jumped) is dropped.
   */
  | { type: 'want'; id: number; from: number; to: number; jobs: FrameJob[] };

export type FrameHostMessage =
  | ({ type: 'frame'; id: number; variant: number; step: number } & FrameComputed)
  | { type: 'error'; id: number; message: string };

export interface FrameHostEnvironment {
  post(message: FrameHostMessage, transfer: ArrayBuffer[]): void;
  /** Runs `fn` soon, after pending messages (setTimeout(fn, 0) in a worker). */
  schedule(fn: () => void): void;
}

/** Frames just posted, not computed again when a list that crossed them on the way asks for them. */
const RECENT = 64;

export function createFrameHost(env: FrameHostEnvironment): (request: FrameHostRequest) => void {
  let id = -1;
  let nets: Network[] = [];
  let data: SourceData | null = null;
  let ranges: Ranges | null = null;
  let queue: FrameJob[] = [];
  const recent: string[] = [];
  let scheduled = false;

  function work(): void {
    scheduled = false;
    const job = queue.shift();
    if (!job || !data || !ranges) return;
    const net = nets[job.variant];
    const key = `${job.variant}:${job.step}`;
    if (net && net.paramCount === job.params.length && !recent.includes(key)) {
      try {
        const c = frameComputed(net, data, ranges, job.params);
        const d = c.details;
        env.post({ type: 'frame', id, variant: job.variant, step: job.step, ...c }, [
          ...[d.z, d.yhat, d.loss, d.saturated, d.correct, c.grid.values].map((a) => a.buffer as ArrayBuffer),
        ]);
        recent.push(key);
        if (recent.length > RECENT) recent.shift();
      } catch (e) {
        env.post({ type: 'error', id, message: e instanceof Error ? e.message : String(e) }, []);
      }
    }
    kick();
  }

  function kick(): void {
    if (!scheduled && queue.length > 0) {
      scheduled = true;
      env.schedule(work);
    }
  }

  return (request) => {
    switch (request.type) {
      case 'load':
        id = request.id;
        data = request.data;
        ranges = request.ranges;
        nets = variantModels(request.experiment, request.data.dims).map((m) => m.net);
        queue = [];
        recent.length = 0;
        break;
      case 'want': {
        // A list for an experiment since replaced is dropped.
        if (request.id !== id) break;
        const { from, to } = request;
        queue = queue.filter((j) => j.step >= from && j.step <= to).concat(request.jobs);
        // The nearest to the playhead first.
        queue.sort((a, b) => a.step - b.step || a.variant - b.variant);
        kick();
        break;
      }
    }
  };
}
