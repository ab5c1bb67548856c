/*
 * `npm run projects -- import project_map.json` / `export [file]` / `list`: the project registry
 * from a terminal — migrate the original system's project_map.json, back up and restore aliases.
 */
import 'reflect-metadata';
import { runDatabaseCli, UsageError } from '../common/cli/database-cli';
import * as fs from 'node:fs';
import { Clock } from '../common/time/clock';
import { ImportReport, ProjectRegistryService } from '../mapping/project-registry.service';

export const USAGE = [
  'usage: npm run projects -- <command>',
  '',
  '  import <file>    add the aliases of an export or of an original project_map.json (never overwrites one)',
  '  export [file]    every alias as JSON, to the file or to stdout',
  '  list             the aliases and what each tracks',
].join('\n');

export { UsageError };

/** What an import did, one line per entry that needs a look. */
export function importSummary(r: ImportReport): string {
  return [
    `Imported ${r.added.length} aliases from ${r.source === 'export' ? 'an export' : 'a project_map.json'}: ${r.unchanged.length} unchanged, ${r.conflicts.length} conflicts, ${r.unmatched.length} unmatched, ${r.unreadable.length} unreadable.`,
    ...r.added.map((a) => `+ ${a.alias} → ${a.type} ${a.name} (${a.id}, matched by ${a.matchedBy})`),
    ...r.conflicts.map((c) => `! ${c.alias}: ${c.reason}`),
    ...r.unmatched.map((u) => `? ${u.alias}: ${u.reason}`),
    ...r.unreadable.map((u) => `? ${u.entry}: ${u.reason}`),
  ].join('\n');
}

export type ProjectsCommand = { command: 'import'; file: string } | { command: 'export'; file?: string } | { command: 'list' };

/** Checked before the application boots, so a typo costs nothing. */
export function parseCommand(argv: string[]): ProjectsCommand {
  const [command, file, ...rest] = argv;
  const extra = command === 'list' ? file : rest[0];
  if (extra !== undefined && ['import', 'export', 'list'].includes(command)) throw new UsageError(`unexpected argument '${extra}'\n\n${USAGE}`);
  if (command === 'import') {
    if (!file) throw new UsageError(`import needs a file\n\n${USAGE}`);
    return { command, file };
  }
  if (command === 'export') return { command, file };
  if (command === 'list') return { command };
  throw new UsageError(`${command ? `unknown command '${command}'\n\n` : ''}${USAGE}`);
}

export async function runProjects(registry: ProjectRegistryService, clock: Clock, cmd: ProjectsCommand): Promise<string> {
  const ws = await registry.workspaceId();
  if (cmd.command === 'import') {
    let text: string;
    try {
      text = fs.readFileSync(cmd.file, 'utf8');
    } catch (e) {
      throw new UsageError(`cannot read ${cmd.file}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`);
    }
    return `${importSummary(await registry.import(ws, text))}\n`;
  }
  if (cmd.command === 'export') {
    const json = `${JSON.stringify(await registry.exportDoc(ws, new Date(clock.now())), null, 2)}\n`;
    if (!cmd.file) return json;
    fs.writeFileSync(cmd.file, json);
    return `Wrote ${cmd.file}.\n`;
  }
  const entries = await registry.list(ws);
  if (!entries.length) return 'No aliases yet.\n';
  return `${entries.map((e) => `${e.alias} → ${e.type} ${e.name} (${e.id})${e.location ? ` in ${e.location}` : ''}${e.state !== 'ok' ? ` [${e.state}]` : ''}`).join('\n')}\n`;
}

if (require.main === module) {
  // The command line is checked before anything starts: a typo costs no boot.
  let cmd: ProjectsCommand | undefined;
  try {
    cmd = parseCommand(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${(e as Error).message}\n`);
    process.exit(2);
  }
  runDatabaseCli('projects', (app) => runProjects(app.get(ProjectRegistryService), app.get(Clock), cmd as ProjectsCommand));
}
