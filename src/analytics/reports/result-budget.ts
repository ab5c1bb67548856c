/**
 * Small models read our answers: a report whose JSON is over the budget (~8,000 characters)
 * gives up list items, never totals. Lists are shortened largest-first, each down to a floor,
 * until the answer fits; the caller marks what was cut (`truncated`, exact totals kept) and says
 * how to narrow. Pure.
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

/**
 * Shrinks the lists `lists()` returns (asked again after every cut, so nested lists work) until
 * `JSON.stringify(result)` fits `maxChars`. Returns whether anything was cut.
 */
export function shrinkToFit(result: unknown, lists: () => TrimmableList[], maxChars = RESULT_BUDGET_CHARS): boolean {
  let cut = false;
  for (let round = 0; round < 200; round++) {
    const size = JSON.stringify(result).length;
    if (size <= maxChars) return cut;
    const candidates = lists().filter((l) => l.items.length > l.min);
    if (!candidates.length) return cut;
    const sized = candidates.map((l) => ({ l, chars: JSON.stringify(l.items).length }));
    sized.sort((a, b) => b.chars - a.chars);
    const { l, chars } = sized[0];
    // Cut the biggest list by what is over (proportionally), at least one item, never below its floor.
    const over = size - maxChars;
    const perItem = chars / l.items.length;
    const drop = Math.max(1, Math.ceil(over / Math.max(perItem, 1)));
    l.keep(Math.max(l.min, l.items.length - Math.max(drop, Math.ceil(l.items.length / 4))));
    cut = true;
  }
  return cut;
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
export function fitReport<T extends { truncated: boolean; hint: string | null }>(out: T, lists: () => TrimmableList[], hint = NARROW_HINT): T {
  if (shrinkToFit(out, lists, RESULT_BUDGET_CHARS - ENVELOPE_CHARS)) {
    out.truncated = true;
    out.hint = hint;
  }
  return out;
}
