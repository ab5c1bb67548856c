import { StatusSetName } from './status-sets';

/**
 * The fixed skeleton of every generated workspace. It holds each structural case the product
 * must handle: folderless lists, a list and a folder with their own statuses, an archived list
 * with tasks in it, an archived folder, an archived space, a private space, a space without
 * custom task ids. Keys let the task generator plant its special cases in known places.
 */
export interface ListBlueprint {
  key: string;
  name: string;
  archived?: boolean;
  statusSet?: StatusSetName;
  /** Relative share of the generated tasks. */
  taskWeight: number;
}

export interface FolderBlueprint {
  key: string;
  name: string;
  archived?: boolean;
  statusSet?: StatusSetName;
  lists: ListBlueprint[];
  /** Whether the size's extra lists may be added here. */
  growable: boolean;
}

export interface SpaceBlueprint {
  key: string;
  name: string;
  color: string;
  private: boolean;
  archived: boolean;
  statusSet: StatusSetName;
  customIdPrefix: string | null;
  folders: FolderBlueprint[];
  folderlessLists: ListBlueprint[];
  tags: ReadonlyArray<readonly [name: string, fg: string, bg: string]>;
}

export const HIERARCHY_BLUEPRINT: readonly SpaceBlueprint[] = [
  {
    key: 'mobile',
    name: 'Mobile',
    color: '#7b68ee',
    private: false,
    archived: false,
    statusSet: 'mobile',
    customIdPrefix: 'MOB',
    folders: [
      {
        key: 'ios',
        name: 'iOS App',
        growable: true,
        lists: [
          { key: 'ios-sprint', name: 'iOS Sprint', taskWeight: 10 },
          { key: 'ios-bugs', name: 'iOS Bugs', taskWeight: 6 },
          { key: 'ios-v1', name: 'v1 Release', archived: true, taskWeight: 4 },
        ],
      },
      {
        key: 'android',
        name: 'Android App',
        growable: true,
        lists: [
          { key: 'android-sprint', name: 'Android Sprint', taskWeight: 9 },
          { key: 'android-bugs', name: 'Android Bugs', taskWeight: 5 },
        ],
      },
    ],
    folderlessLists: [
      { key: 'hotfixes', name: 'Hotfixes', statusSet: 'hotfixList', taskWeight: 4 },
      { key: 'mobile-roadmap', name: 'Mobile Roadmap', taskWeight: 3 },
    ],
    tags: [
      ['bug', '#ffffff', '#e50000'],
      ['ios', '#ffffff', '#1f74ff'],
      ['android', '#ffffff', '#2ecd6f'],
      ['tech debt', '#ffffff', '#800000'],
    ],
  },
  {
    key: 'web',
    name: 'Web Platform',
    color: '#1f74ff',
    private: false,
    archived: false,
    statusSet: 'web',
    customIdPrefix: 'WEB',
    folders: [
      {
        key: 'rewrite',
        name: 'Platform Rewrite',
        statusSet: 'rewriteFolder',
        growable: true,
        lists: [
          { key: 'rewrite-backend', name: 'Rewrite Backend', taskWeight: 8 },
          { key: 'rewrite-frontend', name: 'Rewrite Frontend', taskWeight: 6 },
        ],
      },
      {
        key: 'website',
        name: 'Website',
        growable: true,
        lists: [
          { key: 'website-content', name: 'Website Content', taskWeight: 4 },
          { key: 'website-bugs', name: 'Website Bugs', taskWeight: 4 },
        ],
      },
    ],
    folderlessLists: [{ key: 'web-backlog', name: 'Web Backlog', taskWeight: 5 }],
    tags: [
      ['frontend', '#ffffff', '#ff7fab'],
      ['backend', '#ffffff', '#4194f6'],
      ['bug', '#ffffff', '#e50000'],
      ['performance', '#ffffff', '#ff7800'],
    ],
  },
  {
    key: 'operations',
    name: 'Operations',
    color: '#ff7800',
    private: false,
    archived: false,
    statusSet: 'operations',
    customIdPrefix: 'OPS',
    folders: [
      {
        key: 'infrastructure',
        name: 'Infrastructure',
        growable: true,
        lists: [
          { key: 'infra-requests', name: 'Infra Requests', taskWeight: 5 },
          { key: 'incidents', name: 'Incidents', taskWeight: 4 },
        ],
      },
      {
        key: 'old-infra',
        name: 'Old Infra',
        archived: true,
        growable: false,
        lists: [{ key: 'datacenter-migration', name: 'Datacenter Migration', taskWeight: 2 }],
      },
    ],
    folderlessLists: [{ key: 'ops-inbox', name: 'Ops Inbox', taskWeight: 3 }],
    tags: [
      ['incident', '#ffffff', '#e50000'],
      ['security', '#ffffff', '#800000'],
      ['aws', '#000000', '#f9d900'],
    ],
  },
  {
    key: 'marketing',
    name: 'Marketing',
    color: '#ff7fab',
    private: true,
    archived: false,
    statusSet: 'marketing',
    customIdPrefix: null,
    folders: [
      {
        key: 'campaigns',
        name: 'Campaigns',
        growable: true,
        lists: [
          { key: 'campaign-launches', name: 'Campaign Launches', taskWeight: 3 },
          { key: 'content-calendar', name: 'Content Calendar', taskWeight: 3 },
        ],
      },
    ],
    folderlessLists: [{ key: 'marketing-requests', name: 'Marketing Requests', taskWeight: 2 }],
    tags: [
      ['social', '#ffffff', '#02bcd4'],
      ['blog', '#ffffff', '#7b68ee'],
    ],
  },
  {
    key: 'legacy',
    name: 'Legacy',
    color: '#6b6b6b',
    private: false,
    archived: true,
    statusSet: 'legacy',
    customIdPrefix: 'LEG',
    folders: [],
    folderlessLists: [{ key: 'legacy-tasks', name: 'Legacy Tasks', taskWeight: 2 }],
    tags: [['old', '#ffffff', '#6b6b6b']],
  },
];
