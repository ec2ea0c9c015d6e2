import { EN, type Translate } from '../../../i18n';

/** The export dialog's sub-steps, as its image's "sub-step" list offers them (3: the step complete). */
export const SUBSTEPS = ['forward', 'loss', 'backward', 'update'] as const;
/** The device-pixel scales offered for a custom size. */
export const SCALES = [1, 1.25, 1.5, 2, 3, 4];

/** A whole number typed in a field; NaN for anything else (the export's checks then name the field). */
export const whole = (s: string): number => (/^\s*\d+\s*$/.test(s) ? Number(s) : NaN);

/**
 * The line under the form: the file's name, its size in pixels, and for a sequence its frames
 * (with the duration at `fps`, or as pages of a PDF).
 */
export function exportSummary(
  name: string,
  size: { width: number; height: number },
  sequence: { frames: number; fps: number; pages: boolean } | null,
  t: Translate = EN,
  num: (x: number, digits?: number) => string = String,
): string {
  const parts = [name, t('export.size', { width: size.width, height: size.height })];
  if (sequence)
    parts.push(
      sequence.pages
        ? t('export.label', { format: 'PDF', frames: num(sequence.frames) })
        : t('export.summary', {
            frames: num(sequence.frames),
            seconds: num(sequence.frames / sequence.fps, 1),
            fps: sequence.fps,
          }),
    );
  return parts.join(' · ');
}
