/** Messages between the page and the export worker. */
import type { Experiment } from '../../../core/experiment';
import type { ExportSettings } from '../../../export/settings';

export type ExportRequest =
  | {
      type: 'start';
      experiment: Experiment;
      settings: ExportSettings;
      /** A PNG sequence into a folder: the frames come back one by one instead of zipped. */
      folder: boolean;
    }
  | {
      /** The file's size for these settings, from a sample frame (the dialog's estimate). */
      type: 'estimate';
      id: number;
      experiment: Experiment;
      settings: ExportSettings;
    };

export type ExportMessage =
  | { type: 'progress'; stage: 'training' | 'frames'; done: number; total: number }
  | {
      type: 'done';
      data: Uint8Array | null;
      frames: { name: string; data: Uint8Array }[] | null;
      count: number;
      width: number;
      height: number;
    }
  | { type: 'error'; message: string }
  | { type: 'estimate'; id: number; bytes: number | null };
