import { closest } from '../../common/names/name-matcher';
import { ambiguousError, notFoundError } from '../../common/errors/domain-error';

export type ProjectKind = 'space' | 'folder' | 'list';

export interface ProjectCandidate {
  kind: ProjectKind;
  id: string;
  name: string;
  /** Kind and place, to tell same-named candidates apart: "Website (folder in Web Platform)". */
  label: string;
}

const KIND_ORDER: ProjectKind[] = ['space', 'folder', 'list'];
const norm = (s: string) => s.trim().toLowerCase().replace(/\s+/g, ' ');

/**
 * A project named by a space, folder or list (until the project registry exists). The most
 * specific evidence wins: an id; else an exact name, trying spaces, then folders, then lists;
 * else a unique prefix, then a unique substring, in the same kind order. Several candidates at
 * the deciding step is an ambiguity error that lists them; nothing at all lists the closest names.
 */
export function resolveProjectTarget(given: string, candidates: ProjectCandidate[]): ProjectCandidate {
  const id = given.trim();
  const byId = candidates.find((c) => c.id === id);
  if (byId) return byId;
  const q = norm(given);
  const tests: ((name: string) => boolean)[] = [(n) => n === q, (n) => n.startsWith(q), (n) => n.includes(q)];
  for (const test of tests) {
    for (const kind of KIND_ORDER) {
      const hits = candidates.filter((c) => c.kind === kind && test(norm(c.name)));
      if (hits.length === 1) return hits[0];
      if (hits.length > 1) throw ambiguousError(kind, given, hits.map((h) => ({ id: h.id, name: h.label })));
    }
  }
  const near = closest(q, candidates.map((c) => ({ ...c, id: c.id, name: c.name })), 8);
  throw notFoundError('space, folder or list', given, near.map((c) => ({ id: c.id, name: c.label })), 'get_spaces / get_folders / get_lists list them.');
}
