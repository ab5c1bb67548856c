import { readFileSync } from 'node:fs';

type Json = any;

/** JSON pointer segment decoding (RFC 6901) plus the spec's URL-encoded braces. */
function decode(segment: string): string {
  return decodeURIComponent(segment.replace(/~1/g, '/').replace(/~0/g, '~'));
}

export function resolvePointer(doc: Json, pointer: string): Json {
  if (pointer === '' || pointer === '#') return doc;
  return pointer
    .replace(/^#/, '')
    .split('/')
    .slice(1)
    .reduce((node, seg) => {
      if (node === undefined || node === null) throw new Error(`pointer ${pointer} does not resolve`);
      return node[decode(seg)];
    }, doc);
}

/**
 * Loads ClickUp's v2 spec and hands out 200-response schemas with every `$ref` inlined (the spec
 * points into other operations' schemas, not into components), OpenAPI-only keywords dropped.
 */
export class OpenApiSchemas {
  readonly doc: Json;

  constructor(file: string) {
    this.doc = JSON.parse(readFileSync(file, 'utf8'));
  }

  /** e.g. responseSchema('GET', '/v2/team/{team_Id}/task'). */
  responseSchema(method: string, specPath: string): Json {
    const op = this.doc.paths?.[specPath]?.[method.toLowerCase()];
    if (!op) throw new Error(`${method} ${specPath} is not in the spec`);
    const schema = op.responses?.['200']?.content?.['application/json']?.schema;
    if (!schema) throw new Error(`${method} ${specPath} has no 200 JSON schema`);
    return this.inline(schema, []);
  }

  protected inline(node: Json, stack: string[]): Json {
    if (Array.isArray(node)) return node.map((n) => this.inline(n, stack));
    if (node === null || typeof node !== 'object') return node;
    if (typeof node.$ref === 'string') {
      // A reference back into its own ancestry would recurse forever: accept anything there.
      if (stack.includes(node.$ref)) return {};
      return this.inline(resolvePointer(this.doc, node.$ref), [...stack, node.$ref]);
    }
    const out: Json = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'example' || key === 'examples' || key === 'nullable' || key === 'contentMediaType') continue;
      out[key] = this.inline(value, stack);
    }
    // OpenAPI 3.0's `nullable: true` (the spec mixes dialects) means "or null".
    if (node.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
    return out;
  }
}
