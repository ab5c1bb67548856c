/**
 * Small models read our answers: a report whose JSON is over the budget (~8,000 characters)
 * gives up list items, never totals. Lists are cut in tiers — detail first (each person's
 * tasks), then whole rows (people) — evenly within a tier, each down to a floor, until the
 * answer fits; the caller marks what was cut (`truncated`, exact totals kept) and says how to
 * narrow. Pure.
 */
export const RESULT_BUDGET_CHARS = 8000;

export interface TrimmableList {
  /** The list as it stands now. */
  items: readonly unknown[];
  /** Never cut below this many items. */
  min: number;
  /** Keep the first n items. */
  keep(n: number): void;
}

/** A tier: lists cut together, all to the same length. Asked again after every cut (nested lists). */
export type Tier = () => TrimmableList[];

/**
 * Shrinks the tiers' lists, first tier first, until `JSON.stringify(result)` fits `maxChars`.
 * Returns whether anything was cut.
 *
 * The answer is measured once and its length then kept up to date by subtracting what each cut
 * removes (each cut item measured once): stringifying a 250-person report after every cut was
 * the largest part of a report's own CPU (~10 ms a call). A fit is confirmed by a real measure
 * before it is trusted, so a list a tier names outside the answer cannot end the cutting early.
 */
export function shrinkToFit(result: unknown, tiers: Tier[], maxChars = RESULT_BUDGET_CHARS): boolean {
  let cut = false;
  let size = JSON.stringify(result).length;
  for (const tier of tiers) {
    for (let round = 0; round < 100; round++) {
      if (size <= maxChars) {
        size = JSON.stringify(result).length;
        if (size <= maxChars) return cut;
      }
      const lists = tier().filter((l) => l.items.length > l.min);
      if (!lists.length) break;
      const longest = Math.max(...lists.map((l) => l.items.length));
      const cap = Math.min(longest - 1, Math.floor(longest * 0.75));
      for (const l of lists) {
        if (l.items.length <= cap) continue;
        const n = Math.max(l.min, cap);
        size -= cutChars(l.items, n);
        l.keep(n);
      }
      cut = true;
    }
  }
  return cut;
}

/** How much shorter a JSON array gets when only its first n items are kept (items and their commas). */
function cutChars(items: readonly unknown[], n: number): number {
  let chars = 0;
  for (let i = n; i < items.length; i++) chars += (JSON.stringify(items[i]) ?? 'null').length + 1;
  return n === 0 && items.length > 0 ? chars - 1 : chars;
}

/** A TrimmableList over an array property of an object. */
export function listAt<T, K extends keyof T>(owner: T, key: K, min = 1): TrimmableList {
  const items = owner[key] as unknown as unknown[];
  return { items, min, keep: (n) => ((owner[key] as unknown as unknown[]) = items.slice(0, n)) };
}

/** Room left for the envelope every tool adds (data_as_of, demo, the hint itself). */
const ENVELOPE_CHARS = 400;
export const NARROW_HINT = 'Narrow it: pass person, a smaller scope (project, space, folder, list) or a shorter period.';

/** Fits a report into the budget and, if anything was cut, marks it truncated with a hint how to narrow. */
export function fitReport<T extends { truncated: boolean; hint: string | null }>(out: T, tiers: Tier[], hint = NARROW_HINT): T {
  if (shrinkToFit(out, tiers, RESULT_BUDGET_CHARS - ENVELOPE_CHARS)) {
    out.truncated = true;
    out.hint = hint;
  }
  return out;
}
