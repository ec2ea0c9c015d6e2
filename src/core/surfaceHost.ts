/**
 * Loss surfaces as a message-driven service (the app's surface worker runs
 * it): a batch of requests replaces the previous one; each surface streams
 * coarse first, then refined, chunk by chunk, with the time since its
 * request; work on a replaced batch stops between chunks.
 */
import {
  computeSurfaceRows,
  type PreparedSurface,
  prepareSurface,
  type SurfaceSpec,
  surfaceLevels,
  validateSurfaceSpec,
} from './surface';
import type { SurfaceJob } from './surfaceJob';

export interface SurfaceRequest {
  /** Identifies the surface (variant, parameters, ranges, frame where it matters). */
  key: string;
  spec: SurfaceSpec;
  /** The frame it is of, for the page (a stand-in names it); the worker does not read it. */
  step?: number;
}

export type SurfaceHostRequest = { type: 'surfaces'; batch: number; requests: SurfaceRequest[] };

export type SurfaceHostMessage =
  | {
      type: 'surface';
      batch: number;
      key: string;
      size: number;
      pRange: [number, number];
      qRange: [number, number];
      values: Float64Array;
      complete: boolean;
      /** Milliseconds from the batch's arrival to this message. */
      elapsed: number;
    }
  | { type: 'error'; batch: number; key: string; message: string };

export interface SurfaceHostEnvironment {
  post(message: SurfaceHostMessage, transfer: ArrayBuffer[]): void;
  schedule(fn: () => void): void;
  now(): number;
  /**
   * A second thread that computes a band of rows (`runSurfaceJob`) while this one computes
   * others. When present, every level of more than one chunk is shared: this thread takes
   * chunks from the top, the helper chunks from the bottom (two asked at a time, so it never
   * waits for this thread to finish a chunk before it gets the next), until they meet.
   * Read at each step, so it can be attached after the host starts. Its answers for a
   * replaced batch are dropped; if it fails, its rows are computed here.
   */
  helper?: ((job: SurfaceJob) => Promise<Float64Array>) | null;
}

/** Rows per chunk: a chunk of a 128² surface on 1,000 points takes a few milliseconds. */
const CHUNK_ROWS = 8;

/**
 * Rows of the next piece when `left` rows of a level are not yet computed nor handed out: whole
 * chunks while many are left, then a sixth of what is left (at least a row), so this thread and
 * the helper finish a level within about a row of each other instead of one waiting for the
 * other's last chunk (up to a twentieth of a 128² surface).
 */
export function pieceRows(left: number): number {
  return Math.max(1, Math.min(CHUNK_ROWS, Math.ceil(left / 6)));
}

/** The surface being computed: its current level and which rows of it are done or handed out. */
interface Current {
  key: string;
  spec: SurfaceSpec;
  prep: PreparedSurface;
  levels: number[];
  level: number;
  size: number;
  values: Float64Array;
  /** Rows [0, top) computed here, [bottom, size) done by or handed to the helper. */
  top: number;
  bottom: number;
  done: number;
  posted: number;
  /** Jobs of this level the helper has not answered yet. */
  helping: number;
  /** Bands a failed helper had been given, to be computed here. */
  redo: [number, number][];
}

/** Jobs the helper may hold at once: one to compute, one waiting. */
const HELPER_DEPTH = 2;

export function createSurfaceHost(env: SurfaceHostEnvironment): (request: SurfaceHostRequest) => void {
  let batch = -1;
  let queue: SurfaceRequest[] = [];
  let current: Current | null = null;
  let start = 0;
  let scheduled = false;
  let helperFailed = false;

  function startLevel(cur: Current, level: number): void {
    cur.level = level;
    cur.size = cur.levels[level];
    cur.values = new Float64Array(cur.size * cur.size).fill(NaN);
    cur.top = 0;
    cur.bottom = cur.size;
    cur.done = 0;
    cur.posted = 0;
  }

  function begin(request: SurfaceRequest): Current {
    const cur: Current = {
      key: request.key,
      spec: request.spec,
      prep: prepareSurface(request.spec),
      levels: surfaceLevels(request.spec.size),
      level: 0,
      size: 0,
      values: new Float64Array(0),
      top: 0,
      bottom: 0,
      done: 0,
      posted: 0,
      helping: 0,
      redo: [],
    };
    startLevel(cur, 0);
    return cur;
  }

  /** After rows arrived: post a finished level (and start the next), or the partial one every few chunks. */
  function rowsDone(cur: Current): void {
    const complete = cur.done === cur.size;
    if (!complete && cur.done - cur.posted < CHUNK_ROWS * 4) return;
    cur.posted = cur.done;
    const last = cur.level === cur.levels.length - 1;
    const values = cur.values.slice();
    env.post(
      {
        type: 'surface',
        batch,
        key: cur.key,
        size: cur.size,
        pRange: cur.spec.pRange,
        qRange: cur.spec.qRange,
        values,
        complete: complete && last,
        elapsed: env.now() - start,
      },
      [values.buffer],
    );
    if (!complete) return;
    if (last) current = null;
    else startLevel(cur, cur.level + 1);
  }

  /** Whether this level is shared with a (working) helper. */
  function shared(cur: Current): boolean {
    return !!env.helper && !helperFailed && cur.size > CHUNK_ROWS;
  }

  /**
   * Hands the helper bottom pieces while it holds fewer than its depth and more than a piece is
   * left; a level of one chunk (the first picture) stays here.
   */
  function share(cur: Current): void {
    const helper = env.helper;
    while (
      helper &&
      shared(cur) &&
      cur.helping < HELPER_DEPTH &&
      cur.bottom - cur.top > pieceRows(cur.bottom - cur.top)
    ) {
      handOut(cur, helper);
    }
  }

  function handOut(cur: Current, helper: (job: SurfaceJob) => Promise<Float64Array>): void {
    const r1 = cur.bottom;
    const piece = pieceRows(r1 - cur.top);
    const r0 = Math.max(cur.top + piece, r1 - piece);
    const { size, values } = cur;
    cur.bottom = r0;
    cur.helping++;
    const mine = batch;
    helper({ spec: cur.spec, size, r0, r1 }).then(
      (rows) => {
        cur.helping--;
        if (current !== cur || batch !== mine || cur.values !== values) return;
        values.set(rows, r0 * size);
        cur.done += r1 - r0;
        rowsDone(cur);
        share(cur);
        kick();
      },
      () => {
        // The helper stopped: its rows are computed here from now on.
        helperFailed = true;
        cur.helping--;
        if (current !== cur || cur.values !== values) return;
        cur.redo.push([r0, r1]);
        kick();
      },
    );
  }

  function step(): void {
    scheduled = false;
    try {
      if (!current) {
        const next = queue.shift();
        if (!next) return;
        const errors = validateSurfaceSpec(next.spec);
        if (errors.length > 0) {
          env.post({ type: 'error', batch, key: next.key, message: errors.join('; ') }, []);
          kick();
          return;
        }
        current = begin(next);
      }
      const cur = current;
      share(cur);
      const band = cur.redo.pop();
      if (band) {
        computeSurfaceRows(cur.prep, cur.size, band[0], band[1], cur.values);
        cur.done += band[1] - band[0];
        rowsDone(cur);
      } else if (cur.top < cur.bottom) {
        const r0 = cur.top;
        const r1 = Math.min(cur.bottom, r0 + (shared(cur) ? pieceRows(cur.bottom - r0) : CHUNK_ROWS));
        computeSurfaceRows(cur.prep, cur.size, r0, r1, cur.values);
        cur.top = r1;
        cur.done += r1 - r0;
        rowsDone(cur);
      }
    } catch (e) {
      env.post({ type: 'error', batch, key: current?.key ?? '', message: (e as Error).message }, []);
      current = null;
    }
    // Waiting only for the helper: its answer kicks the next step.
    if (current ? current.top < current.bottom || current.redo.length > 0 : queue.length > 0) kick();
  }

  function kick(): void {
    if (!scheduled) {
      scheduled = true;
      env.schedule(step);
    }
  }

  return (request) => {
    batch = request.batch;
    queue = [...request.requests];
    current = null; // a replaced batch stops here
    start = env.now();
    kick();
  };
}
