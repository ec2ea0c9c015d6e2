/**
 * The largest files the app and the command line read: a bigger one is refused
 * unread, with a message saying its size and the cap (in MiB, `mib`).
 */
export const MIB = 2 ** 20;
/** An experiment file (the app's Open, a drop, the command line). */
export const MAX_EXPERIMENT_BYTES = 64 * MIB;
/** A CSV file imported as data. */
export const MAX_CSV_BYTES = 16 * MIB;
/** The autosave (the document's text and the view, as JSON inside JSON). */
export const MAX_AUTOSAVE_BYTES = 128 * MIB;

/** Bytes as MiB with one decimal, for the messages (the unit is in the catalogue). */
export function mib(bytes: number): string {
  return (bytes / MIB).toFixed(1);
}
