/**
 * What `npm run export` checks before drawing (the experiment read and validated, the options
 * turned into settings and checked against it), run in the export's worker thread: the main
 * thread, which only waits and handles Ctrl+C, then loads none of the validator (mathjs) and none
 * of the drawing code a second time (about 80 MiB of the process's peak).
 */
import { extname, resolve } from 'node:path';
import type { Experiment } from '../core/experiment';
import { createSimulation, type Simulation } from '../core/simulation';
import { parseExperimentJson, validateExperiment } from '../core/validate';
import { VIEW_PANELS, type ViewPanel } from '../draw/view';
import { VIDEO_ALTERNATIVES } from '../export/videoAlternatives';
import {
  BACKGROUNDS,
  bestPreset,
  checkExport,
  headerHeight,
  isSequence,
  PRESET_IDS,
  type PresetId,
  withPreset,
  defaultSettings,
  EXPORT_FORMATS,
  type ExportFormat,
  type ExportSettings,
} from '../export/settings';
import type { Raw } from './export';
import { MAX_EXPERIMENT_BYTES, readCapped, readProblem, TooBig } from './readCapped';

export const USAGE = `usage: npm run export -- EXPERIMENT.json --format ${[...EXPORT_FORMATS, 'py', 'ipynb'].join('|')} --out PATH
  --panels all|${VIEW_PANELS.join(',')}   (default all; a comma list keeps its order)
  --from N --to N --every K            animation steps (default 0..the experiment's steps, every 1)
  --frame N                            png: the step drawn (default: the last)
  --substeps                           animation: forward, loss, backward, update as four frames per step
  --fps N (1-60, default 30)   --scale 1-4 in quarters   --width PX   --height PX
                               (a custom size: width 1200, scale 2 and the panels' height unless given)
  --theme light|dark   --background theme|white|transparent   --example N|mean   --lang en|zh-CN
  --data-view I,J[,mean|median]|logit  more than two inputs: inputs I and J on the axes (from 1; the
                                       others at their means or medians; default 1,2), or along z
  --preset ${PRESET_IDS.join('|')}   (default: the slide or square frame that fits the panels,
                                       unless --width, --height or --scale is given)   --dpi N
  --title TEXT   --label (the step and sub-step drawn in each frame)
  --grow / --no-grow   curves drawn up to each frame's step (default: on for animations and PDF pages)
  svg, pdf: vector figures; --pages with pdf: one page per frame of --from..--to (a handout)
  pngseq: --out DIR writes a new folder of frame-00000.png…; --out FILE.zip writes a zip
  py|ipynb: the experiment as a PyTorch script or a Jupyter notebook (--lang: its explanations)`;

function whole(raw: Raw, name: string, errors: string[]): number | undefined {
  const v = raw[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string' || !/^\d+$/.test(v)) {
    errors.push(`--${name}: expected a whole number, got ${v === true ? 'nothing' : v}`);
    return undefined;
  }
  return Number(v);
}

/** The settings the options ask for (defaults for the rest), or every problem with them. */
export function settingsFrom(
  raw: Raw,
  steps: number,
  variants = 1,
): { settings: ExportSettings; errors: string[] } {
  const errors: string[] = [];
  const s = defaultSettings(steps);
  s.panels = [...VIEW_PANELS];
  s.step = steps;
  const out = typeof raw.out === 'string' ? raw.out : null;
  if (out === null) errors.push('--out: where to write is required');
  const format = raw.format ?? (out ? inferFormat(out) : undefined);
  if (format === undefined) errors.push(`--format: expected one of ${EXPORT_FORMATS.join(', ')}`);
  else if (!(EXPORT_FORMATS as readonly string[]).includes(format as string))
    errors.push(`--format: expected one of ${EXPORT_FORMATS.join(', ')}, got ${String(format)}`);
  else s.format = format as ExportFormat;
  if (typeof raw.panels === 'string' && raw.panels !== 'all')
    s.panels = raw.panels.split(',').map((p) => p.trim()) as ViewPanel[];
  for (const [name, key] of [
    ['from', 'from'],
    ['to', 'to'],
    ['every', 'every'],
    ['frame', 'step'],
    ['fps', 'fps'],
    ['width', 'width'],
    ['height', 'height'],
  ] as const) {
    const v = whole(raw, name, errors);
    if (v !== undefined) (s as unknown as Record<string, number>)[key] = v;
  }
  if (raw.scale !== undefined) {
    if (typeof raw.scale !== 'string' || !/^\d+(\.\d+)?$/.test(raw.scale))
      errors.push(`--scale: expected a number 1 to 4, got ${raw.scale === true ? 'nothing' : raw.scale}`);
    else s.scale = Number(raw.scale);
  }
  if (raw.theme !== undefined) s.theme = raw.theme as 'light' | 'dark';
  if (raw.lang !== undefined) s.locale = raw.lang as ExportSettings['locale'];
  if (raw.background !== undefined) s.background = raw.background as ExportSettings['background'];
  if (raw.background === true) errors.push(`--background: expected one of ${BACKGROUNDS.join(', ')}`);
  s.subSteps = raw.substeps === true;
  if (raw.example !== undefined) {
    if (raw.example === 'mean') s.view = { example: -1 };
    else {
      const e = whole(raw, 'example', errors);
      if (e !== undefined) s.view = { example: e };
    }
  }
  const dv = raw['data-view'];
  if (dv !== undefined) {
    const m = typeof dv === 'string' ? /^(\d+),(\d+)(?:,(mean|median))?$/.exec(dv) : null;
    if (dv === 'logit') s.view = { ...s.view, projection: { kind: 'logit' } };
    else if (m && Number(m[1]) >= 1 && Number(m[2]) >= 1 && m[1] !== m[2]) {
      const hold = m[3] === 'median' ? 'median' : 'mean';
      s.view = {
        ...s.view,
        projection: { kind: 'features', x: Number(m[1]) - 1, y: Number(m[2]) - 1, hold },
      };
    } else
      errors.push(
        `--data-view: expected logit, or two different input numbers I,J (from 1) and optionally ,mean or ,median; got ${dv === true ? 'nothing' : dv}`,
      );
  }
  s.label = raw.label === true;
  s.pages = raw.pages === true;
  if (typeof raw.title === 'string') s.title = raw.title;
  if (raw.pages === true && s.format !== 'pdf') errors.push(`--pages: only with --format pdf`);
  // The size: a preset (named, or the one that fits the panels), unless one is given in pixels.
  const sized = ['width', 'height', 'scale'].some((k) => raw[k] !== undefined);
  if (raw.preset !== undefined) {
    if (!(PRESET_IDS as string[]).includes(String(raw.preset)))
      errors.push(`--preset: expected one of ${PRESET_IDS.join(', ')}, got ${String(raw.preset)}`);
    else if (sized) errors.push('--preset: give a preset or --width/--height/--scale, not both');
    else Object.assign(s, withPreset(s, raw.preset as PresetId, variants));
  } else if (!sized && s.panels.every((p) => (VIEW_PANELS as readonly string[]).includes(p)))
    Object.assign(s, withPreset(s, bestPreset(s.panels, variants, headerHeight(s)), variants));
  const dpi = whole(raw, 'dpi', errors);
  if (dpi !== undefined) s.dpi = dpi;
  if (raw.grow === true && raw['no-grow'] === true) errors.push('--grow, --no-grow: choose one');
  s.grow = raw.grow === true || (raw['no-grow'] !== true && isSequence(s));
  if (raw.format !== undefined && out && s.format !== 'pngseq' && extname(out) === '')
    errors.push(`--out: ${out} has no extension; expected .${s.format}`);
  return { settings: s, errors };
}

function inferFormat(out: string): string | undefined {
  const ext = extname(out).toLowerCase().slice(1);
  if (ext === 'zip') return 'pngseq';
  return (EXPORT_FORMATS as readonly string[]).includes(ext) ? ext : undefined;
}

/** The experiment and the settings of an export, or every problem with them (in the order they are reported). */
export interface JobCheck {
  errors: string[];
  experiment: Experiment | null;
  settings: ExportSettings;
  /** The runs, not yet trained (null when the experiment is not valid). */
  sim: Simulation | null;
}

/** Reads and validates the experiment `file` (relative to `cwd`) and checks the options against it. */
export async function checkJob(file: string | null, raw: Raw, cwd: string): Promise<JobCheck> {
  const errors: string[] = [];
  let experiment: Experiment | null = null;
  const input = file === null ? null : resolve(cwd, file);
  if (input !== null) {
    const text = await readCapped(input, MAX_EXPERIMENT_BYTES).catch((e: unknown) => {
      errors.push(e instanceof TooBig ? e.message : readProblem(input, e));
      return null;
    });
    if (text !== null) {
      let parsed: unknown;
      let json = true;
      try {
        parsed = parseExperimentJson(text);
      } catch (e) {
        json = false;
        errors.push(`${file}: not valid JSON (${(e as Error).message})`);
      }
      if (json) {
        const v = validateExperiment(parsed);
        if (v.ok) experiment = v.experiment;
        else errors.push(...v.errors.map((e) => `${file}: ${e}`));
      }
    }
  }
  const steps = experiment?.steps ?? 0;
  const { settings, errors: optionErrors } = settingsFrom(
    raw,
    steps,
    experiment ? Math.max(1, experiment.variants?.length ?? 1) : 1,
  );
  errors.push(...optionErrors);
  const sim = experiment ? createSimulation(experiment) : null;
  if (sim) errors.push(...checkExport(settings, steps, sim.runs.length, sim.data.dims).map((e) => `--${e}`));
  if (settings.format === 'webm' || settings.format === 'mp4')
    errors.push(
      `--format ${settings.format}: ${settings.format.toUpperCase()} needs a browser video encoder (WebCodecs), which Node does not have. ${VIDEO_ALTERNATIVES}`,
    );
  return { errors, experiment, settings, sim };
}
