import { closest } from '../common/names/name-matcher';
import { ambiguousError, notFoundError } from '../common/errors/domain-error';

export type ProjectKind = 'space' | 'folder' | 'list';

export interface ProjectCandidate {
  kind: ProjectKind | 'alias';
  id: string;
  name: string;
  /** Kind and place, to tell same-named candidates apart: "Website (folder in Web Platform)". */
  label: string;
  /** For aliases: what the registry entry points at. */
  target?: { kind: ProjectKind; id: string };
}

/** Registry aliases are the most deliberate names, so they are tried before spaces, folders and lists. */
const KIND_ORDER: ProjectCandidate['kind'][] = ['alias', 'space', 'folder', 'list'];
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * A project named by a registry alias, a space, a folder or a list. The most specific evidence
 * wins: an id; else an exact name, trying aliases, then spaces, folders, lists; else a unique
 * prefix, then a unique substring, in the same kind order. Several candidates at the deciding
 * step is an ambiguity error that lists them; nothing at all lists the closest names.
 */
export function resolveProjectTarget(given: string, candidates: ProjectCandidate[]): ProjectCandidate {
  const id = given.trim();
  const byId = candidates.find((c) => c.kind !== 'alias' && c.id === id);
  if (byId) return byId;
  const q = norm(given);
  const tests: ((name: string) => boolean)[] = [(n) => n === q, (n) => n.startsWith(q), (n) => n.includes(q)];
  for (const test of tests) {
    for (const kind of KIND_ORDER) {
      const hits = candidates.filter((c) => c.kind === kind && test(norm(c.name)));
      if (hits.length === 1) return hits[0];
      if (hits.length > 1)
        throw ambiguousError(
          kind === 'alias' ? 'project alias' : kind,
          given,
          hits.map((h) => ({ id: h.id, name: h.label })),
        );
    }
  }
  const near = closest(q, candidates, 8);
  throw notFoundError(
    'project, space, folder or list',
    given,
    near.map((c) => ({ id: c.id, name: c.label })),
    'get_spaces / get_folders / get_lists list them.',
  );
}
