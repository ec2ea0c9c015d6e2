/**
 * ffprobe (Debian's ffmpeg) decodes exported files in tests. Under CI=true a
 * missing ffprobe fails the run; elsewhere those tests are skipped with a note.
 */
import { execFile, execFileSync } from 'node:child_process';

export const FFPROBE_HELP =
  'ffprobe was not found. Install it with `sudo apt-get install ffmpeg` (Debian/Ubuntu).';

function find(): string | null {
  try {
    execFileSync('ffprobe', ['-version'], { stdio: 'ignore' });
    return 'ffprobe';
  } catch {
    return null;
  }
}

export function ffprobeOrSkip(): string | null {
  const f = find();
  if (f === null && process.env['CI'] === 'true') throw new Error(FFPROBE_HELP);
  if (f === null) console.warn(`Skipping decode checks: ${FFPROBE_HELP}`);
  return f;
}

export interface Probe {
  codec: string;
  width: number;
  height: number;
  frames: number;
  duration: number;
}

/** Decodes every frame of a file: its codec, size, frame count and duration. */
export function probe(file: string): Promise<Probe> {
  return new Promise((resolve, reject) =>
    execFile(
      'ffprobe',
      [
        '-v',
        'error',
        '-count_frames',
        '-select_streams',
        'v:0',
        '-show_entries',
        'stream=codec_name,width,height,nb_read_frames:format=duration',
        '-of',
        'json',
        file,
      ],
      (err, stdout, stderr) => {
        if (err) return reject(new Error(`ffprobe ${file}: ${stderr || err.message}`));
        const j = JSON.parse(stdout) as {
          streams: { codec_name: string; width: number; height: number; nb_read_frames: string }[];
          format: { duration: string };
        };
        const s = j.streams[0];
        resolve({
          codec: s.codec_name,
          width: s.width,
          height: s.height,
          frames: Number(s.nb_read_frames),
          duration: Number(j.format.duration),
        });
      },
    ),
  );
}
