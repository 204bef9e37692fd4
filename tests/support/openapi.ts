import { Ajv2020, type ValidateFunction } from 'ajv/dist/2020.js';
import type { Method, OpenApiDocument, Operation } from '@/lib/openapi/document';

const DOCUMENT_ID = 'https://cocok.invalid/openapi.json';

/** `format`s the document uses, checked as strictly as Cocok writes them. */
const FORMATS = {
  // What toISOString gives, or any RFC 3339 date-time with its offset.
  'date-time': (text: string) => /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d+)?(Z|[+-]\d{2}:\d{2})$/.test(text) && !Number.isNaN(Date.parse(text)),
  uuid: /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/,
};

export interface Answer {
  status: number;
  headers: Headers;
  body: unknown;
}

/** A JSON pointer to the document's parts named: `pointer('paths', '/api/orders')` is `/paths/~1api~1orders`. */
export const pointer = (...parts: string[]) => parts.map((part) => `/${part.replaceAll('~', '~0').replaceAll('/', '~1')}`).join('');

/**
 * Validates answers and payloads against an OpenAPI document with Ajv (draft 2020-12), through
 * JSON pointers into the document itself, so `$ref`s resolve as an OpenAPI tool resolves them.
 */
export class OpenApiValidator {
  private readonly ajv = new Ajv2020({ strict: true, strictTypes: false, allowUnionTypes: true, allErrors: true });
  private readonly compiled = new Map<string, ValidateFunction>();

  constructor(readonly document: OpenApiDocument) {
    for (const [name, format] of Object.entries(FORMATS)) this.ajv.addFormat(name, format);
    // The document itself is the root the pointers resolve in; its own fields are no schema keywords.
    for (const field of Object.keys(document)) this.ajv.addKeyword(field);
    this.ajv.addSchema(structuredClone(document) as object, DOCUMENT_ID);
  }

  /** Every problem of `value` against the schema at `path` in the document (a JSON pointer without `#`), or none. */
  problems(path: string, value: unknown): string[] {
    let validate = this.compiled.get(path);
    if (!validate) {
      validate = this.ajv.compile({ $ref: `${DOCUMENT_ID}#${path}` });
      this.compiled.set(path, validate);
    }
    if (validate(value)) return [];
    return (validate.errors ?? []).map((error) => `${error.instancePath || '(root)'} ${error.message ?? ''} ${JSON.stringify(error.params)}`);
  }

  operation(path: string, method: Method): Operation {
    const operation = this.document.paths[path]?.[method];
    if (!operation) throw new Error(`the document has no ${method.toUpperCase()} ${path}`);
    return operation;
  }

  /** Each documented operation with the statuses it documents: `POST /api/orders` → ['201', '200', …]. */
  documentedStatuses(): Map<string, string[]> {
    const statuses = new Map<string, string[]>();
    for (const [path, item] of Object.entries(this.document.paths)) {
      for (const [method, operation] of Object.entries(item) as [Method, Operation][]) {
        statuses.set(`${method.toUpperCase()} ${path}`, Object.keys(operation.responses));
      }
    }
    return statuses;
  }

  /**
   * What is wrong with an answer of `method path`: a status the operation does not document; a
   * content type other than the documented one; a body the status's schema refuses, or a body
   * where none is documented; a documented required header missing or refused by its schema.
   */
  responseProblems(path: string, method: Method, answer: Answer): string[] {
    const operation = this.operation(path, method);
    const status = String(answer.status);
    const documented = operation.responses[status];
    if (!documented)
      return [`status ${status} is not documented for ${method.toUpperCase()} ${path} (documented: ${Object.keys(operation.responses).join(', ')})`];
    const at = (...parts: string[]) => pointer('paths', path, method, 'responses', status, ...parts);
    const problems: string[] = [];
    for (const [name, header] of Object.entries(documented.headers ?? {})) {
      const value = answer.headers.get(name);
      if (value === null) {
        if (header.required) problems.push(`header ${name} is missing`);
        continue;
      }
      problems.push(...this.problems(at('headers', name, 'schema'), value).map((problem) => `header ${name}: ${problem}`));
    }
    const mediaTypes = Object.keys(documented.content ?? {});
    if (mediaTypes.length === 0) {
      if (answer.body !== null) problems.push(`status ${status} documents no body, but one came: ${JSON.stringify(answer.body)}`);
      return problems;
    }
    const contentType = answer.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase() ?? '';
    if (!mediaTypes.includes(contentType)) {
      problems.push(`content type "${contentType}" is not documented (documented: ${mediaTypes.join(', ')})`);
      return problems;
    }
    problems.push(...this.problems(at('content', contentType, 'schema'), answer.body).map((problem) => `body: ${problem}`));
    return problems;
  }

  /** What is wrong with a request body against an operation's documented request body (or a webhook's). */
  requestBodyProblems(where: 'paths' | 'webhooks', path: string, method: Method, body: unknown): string[] {
    return this.problems(pointer(where, path, method, 'requestBody', 'content', 'application/json', 'schema'), body);
  }
}

/** A Response read whole: its JSON body, or null when it has none. */
export async function readAnswer(response: Response): Promise<Answer> {
  const text = await response.text();
  return { status: response.status, headers: response.headers, body: text === '' ? null : (JSON.parse(text) as unknown) };
}
