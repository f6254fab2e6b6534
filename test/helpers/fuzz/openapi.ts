/** The operations of the app's own OpenAPI document, with their parameters and JSON body schemas resolved. */
export type JsonSchema = {
  $ref?: string;
  type?: string | string[];
  enum?: unknown[];
  const?: unknown;
  format?: string;
  pattern?: string;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: JsonSchema;
  prefixItems?: JsonSchema[];
  properties?: Record<string, JsonSchema>;
  required?: string[];
  additionalProperties?: boolean | JsonSchema;
  anyOf?: JsonSchema[];
  oneOf?: JsonSchema[];
  allOf?: JsonSchema[];
  default?: unknown;
};

export interface Param {
  name: string;
  in: 'path' | 'query';
  required: boolean;
  schema: JsonSchema;
}

export interface Operation {
  id: string;
  method: string;
  /** the path as the document writes it, /api/v1/orgs/{id} */
  path: string;
  params: Param[];
  /** the JSON body's schema, if the operation takes one */
  body?: JsonSchema;
  /** multipart upload (the document describes it in words: these routes read the stream themselves) */
  upload: boolean;
  signedIn: boolean;
}

type Doc = {
  paths: Record<string, Record<string, Record<string, unknown>>>;
  components?: { schemas?: Record<string, JsonSchema> };
};

/** Replaces every $ref by its component (the document's components are not recursive). */
export function resolver(doc: Doc) {
  const components = doc.components?.schemas ?? {};
  const resolve = (s: JsonSchema | undefined, depth = 0): JsonSchema | undefined => {
    if (!s || depth > 20) return s;
    if (s.$ref) {
      const name = s.$ref.replace('#/components/schemas/', '');
      const { $ref: _ref, ...rest } = s;
      return resolve({ ...components[name], ...rest }, depth + 1);
    }
    const out: JsonSchema = { ...s };
    if (s.items) out.items = resolve(s.items, depth + 1);
    if (s.prefixItems) out.prefixItems = s.prefixItems.map((x) => resolve(x, depth + 1)!);
    if (s.properties) out.properties = Object.fromEntries(Object.entries(s.properties).map(([k, v]) => [k, resolve(v, depth + 1)!]));
    for (const k of ['anyOf', 'oneOf', 'allOf'] as const) if (s[k]) out[k] = s[k]!.map((x) => resolve(x, depth + 1)!);
    if (s.additionalProperties && typeof s.additionalProperties === 'object') out.additionalProperties = resolve(s.additionalProperties, depth + 1);
    return out;
  };
  return resolve;
}

export function operationsOf(doc: Doc): Operation[] {
  const resolve = resolver(doc);
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    for (const [method, raw] of Object.entries(item)) {
      const op = raw as {
        operationId: string;
        summary?: string;
        description?: string;
        parameters?: { name: string; in: string; required?: boolean; schema: JsonSchema }[];
        requestBody?: { content: Record<string, { schema: JsonSchema }> };
        security?: unknown[];
      };
      const params = (op.parameters ?? [])
        .filter((p) => p.in === 'path' || p.in === 'query')
        .map((p) => ({ name: p.name, in: p.in as 'path' | 'query', required: !!p.required, schema: resolve(p.schema)! }));
      const json = op.requestBody?.content?.['application/json']?.schema;
      ops.push({
        id: op.operationId,
        method: method.toUpperCase(),
        path,
        params,
        body: json ? resolve(json) : undefined,
        upload: /multipart/i.test(`${op.summary ?? ''} ${op.description ?? ''}`),
        signedIn: Array.isArray(op.security) && op.security.length > 0,
      });
    }
  }
  return ops;
}
