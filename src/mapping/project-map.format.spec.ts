import * as fs from 'node:fs';
import * as path from 'node:path';
import { DomainError } from '../common/errors/domain-error';
import { EXPORT_FORMAT, parseImport } from './project-map.format';

const fixture = () => JSON.parse(fs.readFileSync(path.resolve(__dirname, '../../test/fixtures/projects/project_map.json'), 'utf8'));

describe('parseImport', () => {
  it('reads the original project_map.json: alias (or its key), clickup_id (string or number), clickup_type, structure name; skips what it cannot read', () => {
    const p = parseImport(fixture());
    expect(p.source).toBe('project_map');
    expect(p.items).toEqual([
      { alias: 'Mobile', type: 'space', id: '901510000001', name: 'Mobile', notes: null },
      { alias: 'OPS', type: 'space', id: '901510000003', name: 'Operations', notes: null },
      { alias: 'Website', type: 'folder', id: '90160011223', name: 'Website', notes: null },
      { alias: 'Hotfix queue', type: 'list', id: '901530000006', name: 'Hotfixes', notes: null },
      { alias: 'Nidan.ai', type: 'space', id: '90161234567', name: 'Homepath', notes: null },
      { alias: 'campaigns', type: 'folder', id: '901520000011', name: 'Campaigns', notes: null },
    ]);
    expect(p.unreadable).toEqual([{ entry: 'team-view', reason: 'clickup_type must be space, folder or list (got "workspace")' }]);
  });

  it('reads our export, as an object or as JSON text', () => {
    const doc = {
      format: EXPORT_FORMAT,
      version: 1,
      workspace_id: 'w',
      exported_at: 'x',
      projects: [{ alias: 'A', type: 'folder', id: '1', name: 'F', path: 'S', notes: 'n' }, { alias: '', type: 'list', id: '2' }, 7],
    };
    const expected = {
      source: 'export',
      items: [{ alias: 'A', type: 'folder', id: '1', name: 'F', notes: 'n' }],
      unreadable: [
        { entry: 'projects[1]', reason: 'no alias' },
        { entry: 'projects[2]', reason: 'not an object' },
      ],
    };
    expect(parseImport(doc)).toEqual(expected);
    expect(parseImport(JSON.stringify(doc))).toEqual(expected);
    expect(parseImport({ projects: [{ alias: 'B', type: 'LIST', name: 'Only a name' }] }).items).toEqual([
      { alias: 'B', type: 'list', id: null, name: 'Only a name', notes: null },
    ]);
  });

  it.each([
    ['not JSON', '{"mapped_projects":', /not valid JSON/],
    ['neither shape', { hello: 1 }, /must be what export_mappings returns/],
    ['an array', [], /must be what export_mappings returns/],
    ['another format', { format: 'other/tool', projects: [] }, /Unknown export format 'other\/tool'/],
    ['a newer version', { format: EXPORT_FORMAT, version: 2, projects: [] }, /version 2; this server reads version 1/],
  ])('refuses %s in one sentence', (_label, data, message) => {
    expect(() => parseImport(data)).toThrow(DomainError);
    expect(() => parseImport(data)).toThrow(message);
  });
});
