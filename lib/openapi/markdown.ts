import type { Header, JsonSchema, MediaType, Method, OpenApiDocument, Operation, Parameter, PathItem, ResponseObject } from '@/lib/openapi/document';

/**
 * docs/store-api.md, written from the OpenAPI document: `npm run docs:api` writes it, and
 * lib/openapi/markdown.test.ts fails while the file in the repository is not what this writes.
 */
export function storeApiMarkdown(document: OpenApiDocument): string {
  const schemas = document.components.schemas;
  const out: string[] = [];
  const add = (...lines: string[]) => out.push(...lines);

  add(
    `# ${document.info.title}`,
    '',
    '<!-- Written by `npm run docs:api` from lib/openapi/document.ts: edit that file, then run it again. -->',
    '',
    `The same document, as OpenAPI ${document.openapi} for code generators and API tools, is served by every Cocok at`,
    '[`/api/openapi.json`](#this-document). Version ' + document.info.version + '.',
    '',
    document.info.description,
    '',
  );
  for (const [name, scheme] of Object.entries(document.components.securitySchemes)) {
    add(
      `The API key (\`${name}\`, sent as HTTP ${scheme.scheme}) is needed by every operation that does not say it is public. ${scheme.description}`,
      '',
    );
  }

  add('## Operations', '');
  for (const [path, item] of Object.entries(document.paths)) {
    for (const [method, operation] of Object.entries(item) as [Method, Operation][]) add(...renderOperation(path, method, operation, schemas));
  }

  add('## Store callbacks', '');
  const tag = document.tags.find((candidate) => candidate.name === 'Store callbacks');
  if (tag) add(tag.description.replace('docs/store-callbacks.md', '[docs/store-callbacks.md](store-callbacks.md)'), '');
  for (const [event, item] of Object.entries(document.webhooks) as [string, PathItem][]) {
    const operation = item.post!;
    add(`### \`${event}\`: ${operation.summary.toLowerCase()}`, '', operation.description, '');
    add(...headersTable('Headers', operation.parameters ?? []));
    add(...requestBody(operation, schemas));
    add('Answer:', '', '| Status | Meaning |', '| --- | --- |');
    for (const [status, response] of Object.entries(operation.responses))
      add(`| ${status === 'default' ? 'anything else' : status} | ${cell(response.description)} |`);
    add('');
    add(...examples(operation.requestBody?.content));
  }

  add('## Objects', '');
  for (const [name, schema] of Object.entries(schemas)) add(...renderObject(name, schema, schemas));

  return `${out
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trimEnd()}\n`;
}

function renderOperation(path: string, method: Method, operation: Operation, schemas: Record<string, JsonSchema>): string[] {
  const out = [
    `### ${operation.summary}`,
    '',
    `\`${method.toUpperCase()} ${path}\`${operation.security?.length === 0 ? ' — public, no API key' : ''}`,
    '',
  ];
  out.push(operation.description, '');
  out.push(
    ...parametersTable(
      'Path parameters',
      (operation.parameters ?? []).filter((parameter) => parameter.in === 'path'),
    ),
  );
  out.push(...requestBody(operation, schemas));
  out.push('Answers:', '', '| Status | When | Body |', '| --- | --- | --- |');
  for (const [status, response] of Object.entries(operation.responses))
    out.push(`| ${status} | ${cell(responseMeaning(response))} | ${cell(responseBody(response))} |`);
  out.push('');
  out.push(...examples(operation.requestBody?.content, 'Request'));
  for (const [status, response] of Object.entries(operation.responses)) out.push(...examples(response.content, status));
  return out;
}

function requestBody(operation: Operation, schemas: Record<string, JsonSchema>): string[] {
  const body = operation.requestBody;
  if (!body) return [];
  const [type, media] = Object.entries(body.content)[0]!;
  const out = [`Body (\`${type}\`${body.required ? '' : ', optional'}): ${body.description} ${typeName(media.schema)}:`, ''];
  out.push(...fieldsTable(resolve(media.schema, schemas), schemas));
  const refined = media.schema.$ref ? schemas[refName(media.schema.$ref as string)] : undefined;
  if (refined?.$ref) out.push(`In this one, ${refinements(refined.properties as Record<string, JsonSchema>).join(', and ')}.`, '');
  return out;
}

function responseMeaning(response: ResponseObject): string {
  const headers = Object.entries(response.headers ?? {}).map(([name, header]) => `Header \`${name}\`: ${header.description}`);
  return [response.description, ...headers].join(' ');
}

function responseBody(response: ResponseObject): string {
  const media = response.content?.['application/json'];
  if (!media) return 'none';
  const codes = (((media.schema.properties as JsonSchema | undefined)?.error as JsonSchema | undefined)?.properties as JsonSchema | undefined)
    ?.code as JsonSchema | undefined;
  const name = typeName(media.schema);
  return codes?.enum ? `${name}, \`code\`: ${(codes.enum as string[]).map((code) => `\`${code}\``).join(' or ')}` : name;
}

function examples(content: Record<string, MediaType> | undefined, label?: string): string[] {
  const out: string[] = [];
  for (const media of Object.values(content ?? {})) {
    for (const example of Object.values(media.examples ?? {})) {
      out.push(`${label ? `${label} — ` : ''}${example.summary}:`, '', '```json', JSON.stringify(example.value, null, 2), '```', '');
    }
  }
  return out;
}

function parametersTable(title: string, parameters: Parameter[]): string[] {
  if (parameters.length === 0) return [];
  const out = [`${title}:`, '', '| Name | Type | Description |', '| --- | --- | --- |'];
  for (const parameter of parameters) out.push(`| \`${parameter.name}\` | ${cell(typeOf(parameter.schema))} | ${cell(parameter.description)} |`);
  return [...out, ''];
}

function headersTable(title: string, headers: (Parameter | (Header & { name: string }))[]): string[] {
  if (headers.length === 0) return [];
  const out = [`${title}:`, '', '| Header | Value | Description |', '| --- | --- | --- |'];
  for (const header of headers) out.push(`| \`${header.name}\` | ${cell(typeOf(header.schema))} | ${cell(header.description)} |`);
  return [...out, ''];
}

function fieldsTable(schema: JsonSchema, schemas: Record<string, JsonSchema>): string[] {
  return ['| Field | Type | Required | Description |', '| --- | --- | --- | --- |', ...fieldRows(schema, schemas, ''), ''];
}

/** A row per field; an object written out in place gets its own fields' rows after it (`error.code`). */
function fieldRows(schema: JsonSchema, schemas: Record<string, JsonSchema>, prefix: string): string[] {
  const properties = (schema.properties ?? {}) as Record<string, JsonSchema>;
  const required = new Set((schema.required ?? []) as string[]);
  return Object.entries(properties).flatMap(([name, property]) => {
    const description = (property.description as string | undefined) ?? (property.$ref ? (resolve(property, schemas).description as string) : '');
    const row = `| \`${prefix}${name}\` | ${cell(typeOf(property))} | ${required.has(name) ? 'yes' : 'no'} | ${cell(description ?? '')} |`;
    return property.properties && !property.$ref ? [row, ...fieldRows(property, schemas, `${prefix}${name}.`)] : [row];
  });
}

function renderObject(name: string, schema: JsonSchema, schemas: Record<string, JsonSchema>): string[] {
  const out = [`### ${name}`, ''];
  if (schema.description) out.push(schema.description as string, '');
  if (schema.$ref) {
    out.push(`${typeName(schema)}, in which ${refinements(schema.properties as Record<string, JsonSchema>).join(', and ')}.`, '');
    return out;
  }
  if (schema.additionalProperties === false) out.push('Exactly these fields:', '');
  return [...out, ...fieldsTable(schema, schemas)];
}

/** What a schema that refines a `$ref` adds: "`event` is `order.paid`", "`order.status` is one of …". */
function refinements(properties: Record<string, JsonSchema>, prefix = ''): string[] {
  return Object.entries(properties).flatMap(([name, property]) => {
    const path = `${prefix}${name}`;
    if (property.const !== undefined) return [`\`${path}\` is \`${String(property.const)}\``];
    if (property.enum) return [`\`${path}\` is ${(property.enum as unknown[]).map((value) => `\`${String(value)}\``).join(' or ')}`];
    return property.properties ? refinements(property.properties as Record<string, JsonSchema>, `${path}.`) : [];
  });
}

const refName = (ref: string) => ref.split('/').at(-1)!;

function resolve(schema: JsonSchema, schemas: Record<string, JsonSchema>): JsonSchema {
  return typeof schema.$ref === 'string' ? resolve(schemas[refName(schema.$ref)]!, schemas) : schema;
}

function typeName(schema: JsonSchema): string {
  return typeof schema.$ref === 'string' ? `[${refName(schema.$ref)}](#${refName(schema.$ref).toLowerCase()})` : typeOf(schema);
}

/** A schema as a reader says it: "integer, 1 to 100000000000", "string or null", "array of [Payment](#payment)". */
function typeOf(schema: JsonSchema): string {
  if (typeof schema.$ref === 'string') return typeName(schema);
  if (schema.const !== undefined) return `\`${String(schema.const)}\``;
  if (schema.oneOf) return (schema.oneOf as JsonSchema[]).map(typeOf).join(', or ');
  if (schema.enum) return (schema.enum as unknown[]).map((value) => `\`${String(value)}\``).join(', ');
  const types = (Array.isArray(schema.type) ? schema.type : [schema.type]) as string[];
  const main = types.filter((type) => type !== 'null');
  let text = main
    .map((type) =>
      type === 'array' && schema.items
        ? `array of ${typeName(schema.items as JsonSchema)}`
        : type === 'string' && schema.format
          ? `${schema.format}`
          : type,
    )
    .join(' or ');
  const facets: string[] = [];
  if (schema.minimum !== undefined || schema.maximum !== undefined) {
    facets.push(schema.maximum === Number.MAX_SAFE_INTEGER ? `at least ${schema.minimum}` : `${schema.minimum ?? '…'} to ${schema.maximum ?? '…'}`);
  }
  if (schema.minLength !== undefined || schema.maxLength !== undefined) {
    const [min, max] = [schema.minLength as number | undefined, schema.maxLength as number | undefined];
    facets.push(min && max ? `${min}–${max} characters` : max ? `at most ${max} characters` : `at least ${min} character${min === 1 ? '' : 's'}`);
  }
  if (schema.pattern) facets.push(`matching \`${String(schema.pattern)}\``);
  if (facets.length) text += `, ${facets.join(', ')}`;
  return types.includes('null') ? `${text}, or null` : text;
}

const cell = (text: string) => text.replace(/\s*\n\s*/g, ' ').replaceAll('|', '\\|');
