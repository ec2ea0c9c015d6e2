/**
 * Checks of IPC payloads: every value that crosses from the page is untrusted.
 * Each check throws a PayloadError naming the field; handlers never act on a
 * payload that did not pass.
 */
export class PayloadError extends Error {}

export const MAX_TEXT = 64 * 2 ** 20; // an experiment file
export const MAX_BYTES = 1024 * 2 ** 20; // an exported file
export const MAX_NAME = 255;
export const MAX_PATH = 4096;
export const MAX_FRAMES = 100_000;

export function object(v: unknown, what: string): Record<string, unknown> {
  if (typeof v !== 'object' || v === null || Array.isArray(v))
    throw new PayloadError(`${what}: expected an object`);
  return v as Record<string, unknown>;
}

export function string(v: unknown, what: string, max: number): string {
  if (typeof v !== 'string') throw new PayloadError(`${what}: expected a string`);
  if (v.length > max) throw new PayloadError(`${what}: longer than ${max} characters`);
  return v;
}

/**
 * A name shown to the user (a window title, a dialog's question, a suggested
 * file name): any string, cut to `max` characters with an ellipsis when longer (never inside a
 * surrogate pair), so that a long name is shown shortened rather than refused.
 */
export function displayName(v: unknown, what: string, max = MAX_NAME): string {
  if (typeof v !== 'string') throw new PayloadError(`${what}: expected a string`);
  if (v.length <= max) return v;
  let end = max - 1;
  const last = v.charCodeAt(end - 1);
  if (last >= 0xd800 && last <= 0xdbff) end--;
  return `${v.slice(0, end)}…`;
}

export function boolean(v: unknown, what: string): boolean {
  if (typeof v !== 'boolean') throw new PayloadError(`${what}: expected true or false`);
  return v;
}

export function bytes(v: unknown, what: string, max = MAX_BYTES): Uint8Array {
  if (!(v instanceof Uint8Array)) throw new PayloadError(`${what}: expected bytes`);
  if (v.byteLength > max) throw new PayloadError(`${what}: larger than ${max} bytes`);
  return v;
}

/** A bare file name: no folder separators, no `..`, nothing hidden, no control characters. */
export function fileName(v: unknown, what: string): string {
  const s = string(v, what, MAX_NAME).trim();
  // eslint-disable-next-line no-control-regex
  if (s === '' || s === '.' || s === '..' || /[/\\:*?"<>|\u0000-\u001f]/.test(s) || s.startsWith('.')) {
    throw new PayloadError(`${what}: not a plain file name`);
  }
  return s;
}

export function oneOf<T extends string>(v: unknown, what: string, options: readonly T[]): T {
  if (typeof v !== 'string' || !(options as readonly string[]).includes(v)) {
    throw new PayloadError(`${what}: expected one of ${options.join(', ')}`);
  }
  return v as T;
}
