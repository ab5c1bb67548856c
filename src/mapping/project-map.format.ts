import { DomainError } from '../common/errors/domain-error';
import { ProjectKind } from './project-target';

/** Identifies our export, so an import knows what it reads. */
export const EXPORT_FORMAT = 'clickup-analytics-mcp/projects';
export const EXPORT_VERSION = 1;

export interface ExportedProject {
  alias: string;
  type: ProjectKind;
  id: string;
  /** The target's name and location when exported: what an import falls back to when the id is unknown. */
  name: string | null;
  path: string | null;
  notes: string | null;
}

export interface ProjectsExport {
  format: typeof EXPORT_FORMAT;
  version: number;
  workspace_id: string;
  exported_at: string;
  projects: ExportedProject[];
}

/** One entry read from an import document, before it is matched against the synced hierarchy. */
export interface ImportItem {
  alias: string;
  type: ProjectKind;
  id: string | null;
  name: string | null;
  notes: string | null;
}

export interface ParsedImport {
  /** export: our export_mappings document; project_map: the original Python system's project_map.json. */
  source: 'export' | 'project_map';
  items: ImportItem[];
  /** Entries that could not be read at all, with why. */
  unreadable: { entry: string; reason: string }[];
}

const KINDS: readonly ProjectKind[] = ['space', 'folder', 'list'];
const SHAPE =
  'Import data must be what export_mappings returns ({"format": "clickup-analytics-mcp/projects", "projects": [...]}) ' +
  'or an original project_map.json ({"mapped_projects": {...}}).';

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const idOf = (v: unknown): string | null =>
  typeof v === 'string' && v.trim() ? v.trim() : typeof v === 'number' && Number.isFinite(v) ? String(v) : null;
const textOf = (v: unknown): string | null => (typeof v === 'string' && v.trim() ? v.trim() : null);
const kindOf = (v: unknown): ProjectKind | null => {
  const k = typeof v === 'string' ? v.trim().toLowerCase() : '';
  return (KINDS as readonly string[]).includes(k) ? (k as ProjectKind) : null;
};

/**
 * Reads an import document — our export, or the original system's project_map.json
 * (`mapped_projects`: alias key → {alias, clickup_id, clickup_type, structure{id, type, name}}) —
 * into entries. Its discovery_cache and last_sync are ignored: we sync ourselves. An entry
 * missing what it needs is reported, not fatal; a document of neither shape is. Pure.
 */
export function parseImport(data: unknown): ParsedImport {
  let doc = data;
  if (typeof doc === 'string') {
    try {
      doc = JSON.parse(doc);
    } catch {
      throw new DomainError(`The import data is not valid JSON. ${SHAPE}`);
    }
  }
  if (isObj(doc) && Array.isArray(doc.projects)) {
    if (doc.format !== undefined && doc.format !== EXPORT_FORMAT) throw new DomainError(`Unknown export format '${String(doc.format)}'. ${SHAPE}`);
    if (typeof doc.version === 'number' && doc.version > EXPORT_VERSION) {
      throw new DomainError(
        `This export is version ${doc.version}; this server reads version ${EXPORT_VERSION}. Export again with this server's version.`,
      );
    }
    return fromEntries(
      'export',
      doc.projects.map((e, i) => [`projects[${i}]`, e]),
      readExported,
    );
  }
  if (isObj(doc) && isObj(doc.mapped_projects)) {
    return fromEntries('project_map', Object.entries(doc.mapped_projects), readMapped);
  }
  throw new DomainError(SHAPE);
}

function fromEntries(source: ParsedImport['source'], entries: [string, unknown][], read: (key: string, e: Obj) => ImportItem | string): ParsedImport {
  const items: ImportItem[] = [];
  const unreadable: ParsedImport['unreadable'] = [];
  for (const [key, e] of entries) {
    const item = isObj(e) ? read(key, e) : 'not an object';
    if (typeof item === 'string') unreadable.push({ entry: key, reason: item });
    else items.push(item);
  }
  return { source, items, unreadable };
}

function readExported(_key: string, e: Obj): ImportItem | string {
  const alias = textOf(e.alias);
  const type = kindOf(e.type);
  const id = idOf(e.id);
  const name = textOf(e.name);
  if (!alias) return 'no alias';
  if (!type) return `type must be space, folder or list (got ${JSON.stringify(e.type) ?? 'nothing'})`;
  if (!id && !name) return 'neither an id nor a name';
  return { alias, type, id, name, notes: textOf(e.notes) };
}

/** Original entries: the alias key is the fallback alias; the type and id may also sit in `structure`. */
function readMapped(key: string, e: Obj): ImportItem | string {
  const structure = isObj(e.structure) ? e.structure : {};
  const alias = textOf(e.alias) ?? textOf(key);
  const type = kindOf(e.clickup_type) ?? kindOf(structure.type);
  const id = idOf(e.clickup_id) ?? idOf(structure.id);
  const name = textOf(structure.name);
  if (!alias) return 'no alias';
  if (!type) return `clickup_type must be space, folder or list (got ${JSON.stringify(e.clickup_type) ?? 'nothing'})`;
  if (!id && !name) return 'neither a clickup_id nor a structure name';
  return { alias, type, id, name, notes: null };
}
