/**
 * Loss surfaces as a message-driven service (the app's surface worker runs
 * it): a batch of requests replaces the previous one; each surface streams
 * coarse first, then refined, chunk by chunk, with the time since its
 * request; work on a replaced batch stops between chunks.
 */
import { type SurfaceSpec, surfaceProgressive, validateSurfaceSpec } from './surface';

export interface SurfaceRequest {
  /** Identifies the surface (variant, parameters, ranges, frame where it matters). */
  key: string;
  spec: SurfaceSpec;
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
}

/** Rows per chunk: a chunk of a 128² surface on 1,000 points takes a few milliseconds. */
const CHUNK_ROWS = 8;

export function createSurfaceHost(env: SurfaceHostEnvironment): (request: SurfaceHostRequest) => void {
  let batch = -1;
  let queue: SurfaceRequest[] = [];
  let current: { key: string; it: Generator<unknown, unknown> } | null = null;
  let start = 0;
  let scheduled = false;

  function step(): void {
    scheduled = false;
    const my = batch;
    try {
      if (!current) {
        const next = queue.shift();
        if (!next) return;
        const errors = validateSurfaceSpec(next.spec);
        if (errors.length > 0) {
          env.post({ type: 'error', batch: my, key: next.key, message: errors.join('; ') }, []);
          kick();
          return;
        }
        current = { key: next.key, it: surfaceProgressive(next.spec, CHUNK_ROWS) };
      }
      const r = current.it.next();
      if (r.done) {
        current = null;
      } else {
        const p = r.value as {
          surface: { size: number; pRange: [number, number]; qRange: [number, number]; values: Float64Array };
          rowsDone: number;
          complete: boolean;
        };
        // A level is posted when complete (the coarse one at once; the full one as it fills in, every few chunks).
        const level = p.surface;
        if (p.rowsDone === level.size || p.rowsDone % (CHUNK_ROWS * 4) === 0) {
          const values = level.values.slice();
          env.post(
            {
              type: 'surface',
              batch: my,
              key: current.key,
              size: level.size,
              pRange: level.pRange,
              qRange: level.qRange,
              values,
              complete: p.complete,
              elapsed: env.now() - start,
            },
            [values.buffer],
          );
        }
        if (p.complete) current = null;
      }
    } catch (e) {
      env.post({ type: 'error', batch: my, key: current?.key ?? '', message: (e as Error).message }, []);
      current = null;
    }
    if (current || queue.length > 0) kick();
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
