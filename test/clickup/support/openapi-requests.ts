import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import { OpenApiSchemas } from '../../sandbox/support/openapi-schemas';

type Json = any;

/** One request as it went over the wire (path without the /api/v2 prefix). */
export interface WireRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
}

/**
 * Where ClickUp's own documentation and the spec's machine-readable parameters disagree, we send
 * what the documentation shows (each entry says where). Everything not listed here must match
 * the spec's parameter names, types and bodies exactly.
 */
export interface DocumentedForm {
  /** `METHOD /v2/path` as written in the spec. */
  operation: string;
  /** The query parameter we send. */
  sent: string;
  /** The spec parameter it stands for. */
  specParam: string;
  /** Accepts the sent value. */
  valid: (value: string) => boolean;
  reason: string;
}

/** A body field we send as null to CLEAR it, which the spec's schema cannot express. */
export interface ClearingNull {
  operation: string;
  field: string;
  reason: string;
}

const ajv = new Ajv2020({ strict: false, allErrors: true });
addFormats(ajv);

export class OpenApiRequests extends OpenApiSchemas {
  constructor(
    file: string,
    private readonly forms: DocumentedForm[],
    private readonly clearingNulls: ClearingNull[] = [],
  ) {
    super(file);
  }

  /** The spec operation a wire path belongs to: the template with the most literal segments wins. */
  operationFor(method: string, wirePath: string): { specPath: string; op: Json; pathParams: Record<string, string> } | null {
    const segs = wirePath.split('/').filter(Boolean);
    let best: { specPath: string; op: Json; pathParams: Record<string, string>; literals: number } | null = null;
    for (const [specPath, item] of Object.entries<Json>(this.doc.paths)) {
      const op = item[method.toLowerCase()];
      if (!op) continue;
      const tpl = specPath.replace(/^\/v2/, '').split('/').filter(Boolean);
      if (tpl.length !== segs.length) continue;
      const pathParams: Record<string, string> = {};
      let literals = 0;
      const fits = tpl.every((t, i) => {
        const m = /^\{(.+)\}$/.exec(t);
        if (m) {
          pathParams[m[1]] = decodeURIComponent(segs[i]);
          return true;
        }
        literals++;
        return t === segs[i];
      });
      if (fits && (!best || literals > best.literals)) best = { specPath, op, pathParams, literals };
    }
    return best && { specPath: best.specPath, op: best.op, pathParams: best.pathParams };
  }

  /** Every way this request departs from the spec (empty = conforms). */
  problems(req: WireRequest): string[] {
    const found = this.operationFor(req.method, req.path);
    if (!found) return [`${req.method} ${req.path}: no such operation in the spec`];
    const { specPath, op, pathParams } = found;
    const name = `${req.method} ${specPath}`;
    const out: string[] = [];
    const params: Json[] = (op.parameters ?? []).map((p: Json) => this.deref(p));

    for (const p of params.filter((x) => x.in === 'path')) {
      const value = pathParams[p.name];
      if (value === undefined) out.push(`${name}: path parameter ${p.name} missing`);
      else if (!scalarFits(value, p.schema)) out.push(`${name}: path parameter ${p.name}='${value}' is not a ${p.schema?.type}`);
    }

    const sentKeys = [...new Set(req.query.keys())];
    for (const key of sentKeys) {
      const values = req.query.getAll(key);
      const form = this.forms.find((f) => f.operation === name && f.sent === key);
      if (form) {
        for (const v of values) if (!form.valid(v)) out.push(`${name}: ${key}='${v}' does not have the documented form`);
        continue;
      }
      const p = params.find((x) => x.in === 'query' && x.name === key);
      if (!p) {
        out.push(`${name}: query parameter '${key}' is not in the spec`);
        continue;
      }
      const schema = p.schema ?? {};
      if (values.length > 1 && schema.type !== 'array') out.push(`${name}: ${key} sent ${values.length} times but is not an array`);
      const itemSchema = schema.type === 'array' ? (schema.items ?? {}) : schema;
      for (const v of values) if (!scalarFits(v, itemSchema)) out.push(`${name}: ${key}='${v}' is not a ${itemSchema.type}`);
    }
    for (const p of params.filter((x) => x.in === 'query' && x.required)) {
      if (!sentKeys.includes(p.name)) out.push(`${name}: required query parameter ${p.name} missing`);
    }
    for (const p of params.filter((x) => x.in === 'header' && x.required)) {
      const v = req.headers[p.name.toLowerCase()];
      if (v === undefined) out.push(`${name}: required header ${p.name} missing`);
      else if (p.schema?.const !== undefined && String(v).split(';')[0].trim() !== p.schema.const) out.push(`${name}: header ${p.name} is '${v}'`);
    }

    const bodySpec = op.requestBody?.content?.['application/json'];
    const hasBody = req.body !== undefined;
    if (!bodySpec && hasBody) out.push(`${name}: sends a body, the spec defines none`);
    if (bodySpec && !hasBody && op.requestBody.required) out.push(`${name}: the spec requires a body, none sent`);
    if (bodySpec && hasBody) {
      const schema = this.requestSchema(req.method, specPath);
      const validate = ajv.compile(schema);
      if (!validate(req.body)) for (const e of validate.errors ?? []) out.push(`${name}: body${e.instancePath} ${e.message}`);
      // A misspelt field passes a schema without additionalProperties: check names explicitly.
      for (const key of Object.keys(req.body as object)) {
        if (!(key in (schema.properties ?? {}))) out.push(`${name}: body field '${key}' is not in the spec`);
      }
    }
    return out;
  }

  /** The operation's JSON request-body schema, $refs inlined, with the listed clearing nulls allowed. */
  requestSchema(method: string, specPath: string): Json {
    const op = this.doc.paths[specPath][method.toLowerCase()];
    const schema = this.inline(op.requestBody.content['application/json'].schema, []);
    for (const c of this.clearingNulls.filter((x) => x.operation === `${method} ${specPath}`)) {
      const field = schema.properties?.[c.field];
      if (!field) throw new Error(`clearing null: ${c.field} is not a body field of ${c.operation}`);
      field.type = [...new Set([...(Array.isArray(field.type) ? field.type : [field.type]), 'null'])];
    }
    return schema;
  }

  private deref(p: Json): Json {
    return this.inline(p, []);
  }
}

/** Whether a query/path string is a valid serialisation of a scalar of this schema. */
function scalarFits(value: string, schema: Json): boolean {
  const types: string[] = Array.isArray(schema?.type) ? schema.type : [schema?.type ?? 'string'];
  return types.some((t) => {
    if (t === 'string') return true;
    if (t === 'integer') return /^-?\d+$/.test(value);
    if (t === 'number') return value.trim() !== '' && Number.isFinite(Number(value));
    if (t === 'boolean') return value === 'true' || value === 'false';
    return false;
  });
}
