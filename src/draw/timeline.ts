/**
 * The transport's timeline: frames 0..last, the part trained so far, where
 * each variant stalled, converged or diverged (a mark in its colour), and the
 * playhead. Pure drawing, like every panel.
 */
import type { Size } from './dataView';
import type { DrawTheme } from './theme';

export interface TimelineMark {
  step: number;
  color: string;
  state: 'stalled' | 'converged' | 'diverged';
}

export interface TimelineInput {
  last: number;
  /** Frames trained so far. */
  available: number;
  frame: number;
  marks: TimelineMark[];
}

const PAD = 8;

/** The x of frame t in a timeline `width` wide. */
export function timelineX(t: number, last: number, width: number): number {
  return PAD + (last === 0 ? 0 : (t / last) * (width - 2 * PAD));
}

/** The frame under x (clamped to 0..last). */
export function timelineStep(x: number, last: number, width: number): number {
  const f = (x - PAD) / Math.max(1, width - 2 * PAD);
  return Math.max(0, Math.min(last, Math.round(f * last)));
}

export function drawTimeline(
  ctx: CanvasRenderingContext2D,
  input: TimelineInput,
  { width, height }: Size,
  theme: DrawTheme,
): void {
  const mid = Math.round(height / 2);
  const x = (t: number): number => timelineX(t, input.last, width);
  ctx.save();
  ctx.fillStyle = theme.background;
  ctx.fillRect(0, 0, width, height);
  // The track, and the trained part over it.
  ctx.fillStyle = theme.grid;
  ctx.fillRect(PAD, mid - 2, width - 2 * PAD, 4);
  ctx.fillStyle = theme.muted;
  ctx.fillRect(PAD, mid - 2, Math.max(0, x(Math.max(0, input.available - 1)) - PAD), 4);
  // Marks: stalled a square, converged a circle, diverged a cross; stacked when they coincide.
  const seen = new Map<number, number>();
  for (const m of input.marks) {
    const px = Math.round(x(m.step));
    const k = seen.get(px) ?? 0;
    seen.set(px, k + 1);
    const py = mid - 9 - k * 7;
    ctx.fillStyle = m.color;
    ctx.strokeStyle = m.color;
    ctx.lineWidth = 2;
    ctx.beginPath();
    if (m.state === 'stalled') ctx.rect(px - 3, py - 3, 6, 6);
    else if (m.state === 'converged') ctx.arc(px, py, 3.2, 0, 2 * Math.PI);
    if (m.state === 'diverged') {
      ctx.moveTo(px - 3.5, py - 3.5);
      ctx.lineTo(px + 3.5, py + 3.5);
      ctx.moveTo(px + 3.5, py - 3.5);
      ctx.lineTo(px - 3.5, py + 3.5);
      ctx.stroke();
    } else ctx.fill();
  }
  // The playhead.
  const px = x(input.frame);
  ctx.fillStyle = theme.foreground;
  ctx.beginPath();
  ctx.moveTo(px - 5, mid + 8);
  ctx.lineTo(px + 5, mid + 8);
  ctx.lineTo(px, mid + 1);
  ctx.closePath();
  ctx.fill();
  ctx.fillRect(Math.round(px) - 1, mid - 6, 2, 12);
  ctx.restore();
}
