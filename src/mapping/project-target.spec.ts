import { DomainError } from '../common/errors/domain-error';
import { ProjectCandidate, resolveProjectTarget } from './project-target';

const c = (kind: ProjectCandidate['kind'], id: string, name: string, where = ''): ProjectCandidate => ({
  kind,
  id,
  name,
  label: `${name} (${kind}${where})`,
});
const all = [
  c('space', 's1', 'Mobile'),
  c('space', 's2', 'Web Platform'),
  c('folder', 'f1', 'Website', ' in Web Platform'),
  c('folder', 'f2', 'iOS App', ' in Mobile'),
  c('folder', 'f3', 'Campaigns', ' in Marketing'),
  c('folder', 'f4', 'Campaigns', ' in Sales'),
  c('list', 'l1', 'Website Bugs', ' in Website'),
  c('list', 'l2', 'Mobile Roadmap', ' in Mobile'),
  c('list', 'l3', 'iOS Sprint', ' in iOS App'),
];

describe('resolveProjectTarget', () => {
  it.each([
    ['l3', 'l3'],
    ['mobile', 's1'],
    ['  WEBSITE ', 'f1'],
    ['website bugs', 'l1'],
    ['ios s', 'l3'],
    // an exact list name beats a space prefix
    ['Mobile Roadmap', 'l2'],
    // the less specific kind wins a tie at the same step: space prefix before folder prefix
    ['web', 's2'],
    ['roadmap', 'l2'],
  ])('%p → %p', (given, id) => {
    expect(resolveProjectTarget(given, all).id).toBe(id);
  });

  it('same-named folders are ambiguous and listed with their location', () => {
    expect(() => resolveProjectTarget('campaigns', all)).toThrow(DomainError);
    expect(() => resolveProjectTarget('campaigns', all)).toThrow(
      "'campaigns' matches 2 folders: Campaigns (folder in Marketing) (f3), Campaigns (folder in Sales) (f4). Pass the id or a more specific name.",
    );
  });

  it('no match names the closest candidates', () => {
    expect(() => resolveProjectTarget('mobil roadmap', all)).toThrow(
      /^No project, space, folder or list matches 'mobil roadmap'\. Did you mean: Mobile Roadmap \(list in Mobile\) \(l2\)/,
    );
  });

  it('a registry alias wins at every step, and only aliases share its kind', () => {
    const alias: ProjectCandidate = {
      kind: 'alias',
      id: 'alias:web',
      name: 'web',
      label: 'web (alias of folder Website)',
      target: { kind: 'folder', id: 'f1' },
    };
    const withAlias = [...all, alias];
    expect(resolveProjectTarget('WEB', withAlias)).toBe(alias);
    // a prefix of the alias beats a prefix of the space "Web Platform" (aliases are tried first)
    expect(resolveProjectTarget('we', withAlias)).toBe(alias);
    // ids are never alias ids
    expect(resolveProjectTarget('f1', withAlias).kind).toBe('folder');
  });
});
