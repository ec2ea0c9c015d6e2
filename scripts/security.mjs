// `npm run security`: Electronegativity over the built app (out/). Fails on any
// finding above LOW that is not in the justified list below.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** Checks reviewed and accepted, with the reason. */
const JUSTIFIED = {
  // The preload is the one bridge of a sandboxed, context-isolated page: it exposes a small typed API
  // through contextBridge (src/preload/index.ts), never ipcRenderer itself, and main validates every
  // payload and its sender (src/main/ipc.ts).
  PRELOAD_JS_CHECK: 'reviewed: contextBridge exposes only the typed SigmoidLabBridge',
};

const require = createRequire(import.meta.url);
const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
const electronVersion = pkg.devDependencies.electron.replace(/^[^\d]*/, '');
const cli = join(require.resolve('@doyensec/electronegativity/package.json'), '..', 'dist', 'index.js');
/** RFC 4180 CSV: quoted fields may hold commas, quotes ("") and line breaks. */
function parseCsv(text) {
  const rows = [];
  let row = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else field += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(field.trim());
      field = '';
    } else if (ch === '\n') {
      row.push(field.trim());
      rows.push(row);
      row = [];
      field = '';
    } else if (ch !== '\r') field += ch;
  }
  if (field !== '' || row.length > 0) rows.push([...row, field.trim()]);
  return rows.filter((r) => r.some((f) => f !== ''));
}

const SEVERITIES = ['INFORMATIONAL', 'LOW', 'MEDIUM', 'HIGH', 'CRITICAL'];

/** One Electronegativity run; null when its CSV comes out garbled (its writer now and then interleaves rows). */
function scan() {
  const csv = join(mkdtempSync(join(tmpdir(), 'electronegativity-')), 'report.csv');
  const r = spawnSync(
    process.execPath,
    [cli, '-i', 'out', '-r', '-v', 'false', '-e', electronVersion, '-o', csv],
    {
      encoding: 'utf8',
    },
  );
  let table;
  try {
    table = parseCsv(readFileSync(csv, 'utf8'));
  } catch {
    console.error('security: Electronegativity produced no report.\n' + r.stdout + r.stderr);
    return null;
  }
  const rows = table.slice(1);
  const sane = rows.every(
    (row) => row.length === 8 && /^[A-Z0-9_]+$/.test(row[0]) && SEVERITIES.includes(row[1]),
  );
  return sane
    ? rows.map(([check, severity, confidence, file, location]) => ({
        check,
        severity,
        confidence,
        file,
        location,
      }))
    : null;
}

let findings = null;
for (let attempt = 0; attempt < 3 && findings === null; attempt++) findings = scan();
if (findings === null) {
  console.error('security: no readable Electronegativity report after 3 runs');
  process.exit(1);
}
const blocking = findings.filter(
  (f) => f.severity !== 'LOW' && f.severity !== 'INFORMATIONAL' && !(f.check in JUSTIFIED),
);
for (const f of findings) {
  const note = f.check in JUSTIFIED ? ` (justified: ${JUSTIFIED[f.check]})` : '';
  console.log(`security: ${f.severity} ${f.check} ${f.file}:${f.location}${note}`);
}
if (blocking.length > 0) {
  console.error(
    `security: ${blocking.length} finding(s) above LOW; fix them or justify them in scripts/security.mjs`,
  );
  process.exit(1);
}
console.log(`security: ${findings.length} finding(s), none above LOW unjustified`);
