import type { Tool } from '@modelcontextprotocol/sdk/types.js';
import { TOOLSET_DESCRIPTIONS, TOOLSETS, ToolsetName } from '../core/toolsets';

type Prop = {
  type?: string | string[];
  description?: string;
  enum?: unknown[];
  default?: unknown;
  items?: { type?: string };
  maximum?: number;
  minimum?: number;
};

/** What a client passes to the model per tool: name, description, input schema. */
export function modelFacingChars(tools: Tool[]): number {
  return JSON.stringify(tools.map((t) => ({ name: t.name, description: t.description, parameters: t.inputSchema }))).length;
}

/** Rough token estimate for budgeting a small model's context: ~4 characters per token of JSON. */
export const approxTokens = (chars: number): number => Math.round(chars / 4);

function typeOf(p: Prop): string {
  if (p.enum) return p.enum.map((e) => `\`${String(e)}\``).join(' \\| ');
  const t = Array.isArray(p.type) ? p.type.join('\\|') : (p.type ?? 'any');
  return t === 'array' ? `${p.items?.type ?? 'any'}[]` : t;
}

function hints(t: Tool): string {
  const a = t.annotations ?? {};
  const flags = [
    a.readOnlyHint ? 'read-only' : 'writes',
    a.destructiveHint ? 'destructive' : null,
    a.idempotentHint ? 'idempotent' : null,
    a.openWorldHint ? 'reaches ClickUp' : 'database only',
  ];
  return flags.filter(Boolean).join(', ');
}

const cell = (s: string) => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

/**
 * docs/tools.md from the live tools/list (what clients really see), so it never drifts: a test
 * renders it again and compares with the committed file.
 */
export function renderToolDocs(tools: Tool[], toolsetOf: (name: string) => ToolsetName): string {
  const bySet = new Map<ToolsetName, Tool[]>();
  for (const t of tools) bySet.set(toolsetOf(t.name), [...(bySet.get(toolsetOf(t.name)) ?? []), t]);
  const total = JSON.stringify({ tools }).length;
  const lines: string[] = [
    '# MCP tool reference',
    '',
    "<!-- Generated from the server's tools/list by `npm run docs:tools`; a test fails when it drifts. Do not edit by hand. -->",
    '',
    'Every tool answers from the synced database unless marked "reaches ClickUp". Scope arguments take ids or names',
    '(case-insensitive, unique prefixes work). Every result carries `data_as_of` and `demo`. What the reports count',
    '(attribution, periods, status categories, archived, estimates, billable, utilization) is in [reporting.md](reporting.md).',
    '',
    '## Size of tools/list',
    '',
    'JSON characters (tokens ≈ characters / 4). *Model-facing* is what a client such as LM Studio turns into function',
    'definitions for the model — name, description and input schema; the full `tools/list` also carries annotations and',
    'output schemas, which clients use to validate `structuredContent` but do not put in the prompt.',
    'Narrow a connection with the `X-MCP-Toolsets` header (or the server with `MCP_TOOLSETS`) to save context on small models.',
    '',
    '| Toolset | Tools | Model-facing chars | ≈ Tokens | Full tools/list chars | ≈ Tokens |',
    '|---|---:|---:|---:|---:|---:|',
  ];
  const n = (x: number) => x.toLocaleString('en-US');
  const row = (label: string, ts: Tool[]) => {
    const full = JSON.stringify({ tools: ts }).length;
    const facing = modelFacingChars(ts);
    return `| ${label} | ${ts.length} | ${n(facing)} | ${n(approxTokens(facing))} | ${n(full)} | ${n(approxTokens(full))} |`;
  };
  for (const set of TOOLSETS) {
    const ts = bySet.get(set);
    if (ts) lines.push(row(set, ts));
  }
  lines.push(row('**all**', tools).replace(/\| ([\d,]+) /g, '| **$1** '), '');
  void total;
  for (const set of TOOLSETS) {
    const ts = bySet.get(set);
    if (!ts) continue;
    lines.push(`## ${set}`, '', TOOLSET_DESCRIPTIONS[set], '');
    for (const t of ts) {
      lines.push(`### \`${t.name}\` — ${t.annotations?.title ?? t.title ?? ''}`, '', cell(t.description ?? ''), '', `*${hints(t)}*`, '');
      const props = (t.inputSchema.properties ?? {}) as Record<string, Prop>;
      const required = new Set((t.inputSchema.required ?? []) as string[]);
      if (Object.keys(props).length) {
        lines.push('| Parameter | Type | Required | Description |', '|---|---|---|---|');
        for (const [name, p] of Object.entries(props)) {
          const def = p.default !== undefined ? ` Default: \`${JSON.stringify(p.default)}\`.` : '';
          lines.push(`| \`${name}\` | ${typeOf(p)} | ${required.has(name) ? 'yes' : 'no'} | ${cell(p.description ?? '')}${def} |`);
        }
      } else {
        lines.push('No parameters.');
      }
      const out = Object.keys(((t.outputSchema ?? {}) as { properties?: Record<string, unknown> }).properties ?? {});
      lines.push('', `Returns: ${out.map((k) => `\`${k}\``).join(', ') || 'text'}.`, '');
    }
  }
  return `${lines.join('\n').trimEnd()}\n`;
}
