/**
 * Id formats that match ClickUp's: hierarchy ids are numeric strings, task ids short lower-case
 * alphanumerics ("86eexqt32"), user ids integers. Ids are derived from counters, so generated and
 * later-created entities never collide and the same seed always yields the same ids.
 */

const SPACE_BASE = 901_510_000_000;
const FOLDER_BASE = 901_520_000_000;
const LIST_BASE = 901_530_000_000;
const TASK_ID_SPACE = 36 ** 7;
/** Odd and not a multiple of 3, so multiplying by it permutes [0, 36^7): distinct counters give distinct ids. */
const TASK_ID_SCRAMBLE = 2_654_435_761;

export function workspaceIdFor(seed: number): string {
  return String(9_015_000_000 + (Math.abs(seed) % 1_000_000));
}

export function spaceIdFor(n: number): string {
  return String(SPACE_BASE + n);
}

export function folderIdFor(n: number): string {
  return String(FOLDER_BASE + n);
}

export function listIdFor(n: number): string {
  return String(LIST_BASE + n);
}

const TASK_ID_OFFSET = 1_000_000_007;

export function taskIdFor(n: number): string {
  const scrambled = (n * TASK_ID_SCRAMBLE + TASK_ID_OFFSET) % TASK_ID_SPACE;
  const id = '86' + scrambled.toString(36).padStart(7, '0');
  // Keep ids visibly non-numeric (list and folder ids are digit strings); the rare all-digit
  // value gets a tenth character, which no nine-character id can collide with.
  return /[a-z]/.test(id) ? id : `${id}x`;
}

export function customTaskId(prefix: string, n: number): string {
  return `${prefix}-${n}`;
}

/** ClickUp's task orderindex is a decimal string with 32 fraction digits. */
export function formatOrderindex(n: number): string {
  return `${n}.00000000000000000000000000000000`;
}
