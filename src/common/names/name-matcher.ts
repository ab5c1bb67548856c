import { ambiguousError, Candidate, notFoundError } from '../errors/domain-error';

export interface Named {
  id: string;
  name: string;
  /** Other strings that identify it exactly (custom task id, email, username …). */
  aliases?: string[];
  /** How to show it among candidates, e.g. with its location. */
  label?: string;
}

const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * Resolves what a person (or a small model) typed to exactly one item: id, then exact name or
 * alias (case-insensitive), then a unique prefix, then a unique substring. No match or several
 * matches is an error that lists the closest candidates, so the caller can retry.
 */
export function matchOne<T extends Named>(kind: string, given: string, items: T[], hint = ''): T {
  const q = norm(given);
  const byId = items.find((i) => i.id === given.trim());
  if (byId) return byId;
  const exact = items.filter((i) => norm(i.name) === q || (i.aliases ?? []).some((a) => norm(a) === q));
  if (exact.length === 1) return exact[0];
  if (exact.length > 1) throw ambiguousError(kind, given, exact.map(candidate));
  const prefix = items.filter((i) => norm(i.name).startsWith(q));
  if (prefix.length === 1) return prefix[0];
  if (prefix.length > 1) throw ambiguousError(kind, given, prefix.map(candidate));
  const sub = items.filter((i) => norm(i.name).includes(q) || (i.aliases ?? []).some((a) => norm(a).includes(q)));
  if (sub.length === 1) return sub[0];
  if (sub.length > 1) throw ambiguousError(kind, given, sub.map(candidate));
  throw notFoundError(kind, given, closest(q, items).map(candidate), hint);
}

function candidate(i: Named): Candidate {
  return { id: i.id, name: i.label ?? i.name };
}

/** Items ranked by similarity to the query (shared bigrams, then edit distance on short names). */
export function closest<T extends Named>(q: string, items: T[], n = 5): T[] {
  const grams = bigrams(q);
  return items
    .map((i) => ({ i, score: similarity(grams, bigrams(norm(i.name))) }))
    .sort((a, b) => b.score - a.score || a.i.name.localeCompare(b.i.name))
    .slice(0, n)
    .map((x) => x.i);
}

function bigrams(s: string): Set<string> {
  const out = new Set<string>();
  for (let i = 0; i < s.length - 1; i++) out.add(s.slice(i, i + 2));
  if (s.length === 1) out.add(s);
  return out;
}

function similarity(a: Set<string>, b: Set<string>): number {
  if (!a.size || !b.size) return 0;
  let shared = 0;
  for (const g of a) if (b.has(g)) shared++;
  return (2 * shared) / (a.size + b.size);
}

/**
 * The one name among `names` that `q` most plausibly meant, or null when none is close: a name
 * contained in `q` or containing it ("assignee_name" → "assignee"), else the most similar by
 * shared bigrams (separators ignored) when at least half of them are shared. For "did you mean".
 */
export function suggestName(q: string, names: readonly string[]): string | null {
  const key = (s: string) => s.toLowerCase().replace(/[\s_\-.]+/g, '');
  const k = key(q);
  if (!k) return null;
  const contained = names.filter((n) => key(n).length >= 3 && (k.includes(key(n)) || key(n).includes(k)));
  if (contained.length) return contained.sort((a, b) => key(b).length - key(a).length)[0];
  const grams = bigrams(k);
  let best: { name: string; score: number } | null = null;
  for (const n of names) {
    const score = similarity(grams, bigrams(key(n)));
    if (!best || score > best.score) best = { name: n, score };
  }
  return best && best.score >= 0.5 ? best.name : null;
}
