import { describe, expect, test } from 'vitest';
import { storeApiDocument, type Method, type Operation, type PathItem } from '@/lib/openapi/document';
import { OpenApiValidator, pointer } from '@/tests/support/openapi';

const validator = new OpenApiValidator(storeApiDocument);

/** Every operation of `paths` and `webhooks`, with where it sits in the document. */
function operations(): { where: 'paths' | 'webhooks'; path: string; method: Method; operation: Operation }[] {
  return (['paths', 'webhooks'] as const).flatMap((where) =>
    Object.entries(storeApiDocument[where] as Record<string, PathItem>).flatMap(([path, item]) =>
      (Object.entries(item) as [Method, Operation][]).map(([method, operation]) => ({ where, path, method, operation })),
    ),
  );
}

/** Every example in the document, with the schema it illustrates. */
function examples(): [string, string, unknown][] {
  const found: [string, string, unknown][] = [];
  for (const { where, path, method, operation } of operations()) {
    const at = (...parts: string[]) => pointer(where, path, method, ...parts);
    const name = `${method.toUpperCase()} ${path}`;
    for (const [index, parameter] of (operation.parameters ?? []).entries()) {
      if (parameter.example !== undefined)
        found.push([`${name} parameter ${parameter.name}`, at('parameters', String(index), 'schema'), parameter.example]);
    }
    for (const [type, media] of Object.entries(operation.requestBody?.content ?? {})) {
      for (const [key, example] of Object.entries(media.examples ?? {})) {
        found.push([`${name} request ${key}`, at('requestBody', 'content', type, 'schema'), example.value]);
      }
    }
    for (const [status, response] of Object.entries(operation.responses)) {
      for (const [type, media] of Object.entries(response.content ?? {})) {
        for (const [key, example] of Object.entries(media.examples ?? {})) {
          found.push([`${name} ${status} ${key}`, at('responses', status, 'content', type, 'schema'), example.value]);
        }
      }
    }
  }
  return found;
}

describe('the OpenAPI document', () => {
  test('is plain JSON: it survives a round trip unchanged', () => {
    expect(JSON.parse(JSON.stringify(storeApiDocument))).toEqual(storeApiDocument);
  });

  test('has unique operation ids, and every operation answers something', () => {
    const ids = operations().map(({ operation }) => operation.operationId);
    expect(new Set(ids).size).toBe(ids.length);
    for (const { operation } of operations()) expect(Object.keys(operation.responses).length, operation.operationId).toBeGreaterThan(0);
  });

  test('every path template names a required path parameter, and every parameter of a path is in its template', () => {
    for (const { where, path, operation } of operations()) {
      if (where !== 'paths') continue;
      const templated = [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => name).sort();
      const declared = (operation.parameters ?? []).filter((parameter) => parameter.in === 'path');
      expect(declared.map((parameter) => parameter.name).sort(), path).toEqual(templated);
      for (const parameter of declared) expect(parameter.required, `${path} ${parameter.name}`).toBe(true);
    }
  });

  test('every $ref names a schema of components, and every schema there is used', () => {
    const refs = [...JSON.stringify(storeApiDocument).matchAll(/"\$ref":"([^"]+)"/g)].map(([, ref]) => ref!);
    const names = Object.keys(storeApiDocument.components.schemas);
    expect(refs.filter((ref) => !names.some((name) => ref === `#/components/schemas/${name}`))).toEqual([]);
    expect(names.filter((name) => !refs.includes(`#/components/schemas/${name}`))).toEqual([]);
  });

  test('every error status of the store API answers the Error shape', () => {
    for (const { where, path, operation } of operations()) {
      if (where !== 'paths') continue;
      for (const [status, response] of Object.entries(operation.responses)) {
        if (Number(status) < 400) continue;
        expect(response.content?.['application/json']?.schema.$ref, `${path} ${status}`).toBe('#/components/schemas/Error');
      }
    }
  });

  const all = examples();
  test('has examples of every request body and answer', () => {
    expect(all.length).toBeGreaterThan(25);
  });

  test.each(all)('example %s fits its schema', (_name, schema, value) => {
    expect(validator.problems(schema, value)).toEqual([]);
  });
});

describe('the validator the conformance test uses is not lenient', () => {
  const order = storeApiDocument.paths['/api/orders']!.post!.responses['201']!.content!['application/json']!.examples!.created!.value as Record<
    string,
    unknown
  >;
  const ORDER = pointer('components', 'schemas', 'Order');
  const CONFLICT = pointer('paths', '/api/orders', 'post', 'responses', '409', 'content', 'application/json', 'schema');
  const PAID = pointer('components', 'schemas', 'OrderPaid');
  const paid = storeApiDocument.webhooks['order.paid']!.post!.requestBody!.content['application/json']!.examples!.event!.value as {
    order: Record<string, unknown>;
  };

  test.each<[string, string, unknown]>([
    ['an order with a field the document does not name', ORDER, { ...order, source: 'api' }],
    ['an order without a field', ORDER, { ...order, paid_amount: undefined }],
    ['an amount as a string', ORDER, { ...order, amount: '150000' }],
    ['an amount with a fraction', ORDER, { ...order, amount: 150000.5 }],
    ['a status the document does not list', ORDER, { ...order, status: 'refunded' }],
    ['a time that is not ISO 8601', ORDER, { ...order, created_at: '28/11/2026 03:14' }],
    ['a 409 with the code of another status', CONFLICT, { error: { code: 'invalid', message: 'x' } }],
    ['an error without a message', CONFLICT, { error: { code: 'conflict' } }],
    ['order.paid for an underpaid order', PAID, { ...paid, order: { ...paid.order, status: 'underpaid' } }],
    ['order.paid named as another event', PAID, { ...paid, event: 'order.unpaid' }],
    ['a callback id that is not a UUID', PAID, { ...paid, id: 'cb_1' }],
  ])('refuses %s', (_label, schema, value) => {
    expect(validator.problems(schema, JSON.parse(JSON.stringify(value)))).not.toEqual([]);
  });

  test('an undocumented status, a wrong content type and a missing header are each a problem', () => {
    const headers = (entries: Record<string, string>) => new Headers(entries);
    expect(validator.responseProblems('/api/orders', 'post', { status: 429, headers: headers({}), body: null })[0]).toMatch(/429 is not documented/);
    expect(
      validator.responseProblems('/api/orders', 'post', { status: 201, headers: headers({ 'content-type': 'text/plain' }), body: order })[0],
    ).toMatch(/content type "text\/plain"/);
    expect(
      validator.responseProblems('/api/orders', 'post', {
        status: 401,
        headers: headers({ 'content-type': 'application/json' }),
        body: { error: { code: 'unauthorized', message: 'no key' } },
      }),
    ).toEqual(['header WWW-Authenticate is missing']);
  });
});
