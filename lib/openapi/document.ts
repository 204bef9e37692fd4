import { englishMessage } from '@/lib/errors';
import { OrderStatus } from '@/lib/generated/prisma/enums';
import { MAX_JSON_BODY_BYTES, UNAUTHORIZED_MESSAGE } from '@/lib/http/api-response';
import { MAX_CANCEL_REASON_LENGTH, MAX_ORDER_AMOUNT } from '@/lib/orders/order-input';
import { DEFAULT_UNIQUE_CODE_RANGE, MAX_UNIQUE_CODE } from '@/lib/reconcile/unique-code';
import { ORDER_PAID, ORDER_UNDERPAID, ORDER_UNPAID } from '@/lib/store-callback/events';

/**
 * The store API as OpenAPI 3.1: the order routes under app/api/orders, their errors, and the
 * store callbacks Cocok sends (`webhooks`). Served at /api/openapi.json and rendered into
 * docs/store-api.md; tests/openapi-conformance.test.ts holds the real handlers to it.
 */

/** A JSON Schema (draft 2020-12), as OpenAPI 3.1 embeds it. */
export type JsonSchema = { [keyword: string]: unknown };

export interface Example {
  summary: string;
  value: unknown;
}

export interface MediaType {
  schema: JsonSchema;
  examples?: Record<string, Example>;
}

export interface Header {
  description: string;
  required?: boolean;
  schema: JsonSchema;
}

export interface ResponseObject {
  description: string;
  headers?: Record<string, Header>;
  content?: Record<string, MediaType>;
}

export interface Parameter {
  name: string;
  in: 'path' | 'header' | 'query';
  description: string;
  required: boolean;
  schema: JsonSchema;
  example?: unknown;
}

export interface Operation {
  operationId: string;
  summary: string;
  description: string;
  tags: string[];
  security?: Record<string, string[]>[];
  parameters?: Parameter[];
  requestBody?: { description: string; required: boolean; content: Record<string, MediaType> };
  responses: Record<string, ResponseObject>;
}

export type Method = 'get' | 'post';
export type PathItem = Partial<Record<Method, Operation>>;

export interface OpenApiDocument {
  openapi: '3.1.0';
  jsonSchemaDialect: string;
  info: { title: string; version: string; description: string };
  servers: { url: string; description: string }[];
  tags: { name: string; description: string }[];
  security: Record<string, string[]>[];
  paths: Record<string, PathItem>;
  webhooks: Record<string, PathItem>;
  components: {
    schemas: Record<string, JsonSchema>;
    securitySchemes: Record<string, { type: 'http'; scheme: 'bearer'; description: string }>;
  };
}

const JSON_TYPE = 'application/json';
const ref = (name: string): JsonSchema => ({ $ref: `#/components/schemas/${name}` });
const rupiah = (description: string, minimum = 0, maximum = Number.MAX_SAFE_INTEGER): JsonSchema => ({
  type: 'integer',
  minimum,
  maximum,
  description: `${description} Whole rupiah, as a JSON integer.`,
});
const time = (description: string): JsonSchema => ({ type: 'string', format: 'date-time', description: `${description} ISO 8601, UTC.` });
const nullable = (schema: JsonSchema): JsonSchema => ({ ...schema, type: [schema.type, 'null'] });

const EXAMPLE_ORDER = {
  reference: 'INV-1001',
  amount: 150000,
  unique_code: 123,
  payable_amount: 150123,
  status: 'pending',
  expires_at: '2026-11-29T03:14:09.120Z',
  paid_at: null,
  customer_name: 'Siti Rahayu',
  paid_amount: 0,
  created_at: '2026-11-28T03:14:09.120Z',
  pay_url: 'https://toko.example/pay/AZrgwSs8fU6PUGp7jJ0OHxa2a3Tz0LLgk0OdtM',
};

/** The codes of `error.code`, by the status they come with. */
export const ERROR_CODES = {
  malformed: 'the body is not a JSON object: empty, not UTF-8, not JSON, or another JSON value',
  unauthorized: 'no valid API key in `Authorization: Bearer <key>`',
  not_found: 'there is no order with that reference',
  conflict: 'the request contradicts an order that exists; each operation says how',
  unique_codes_exhausted: 'every unique code of this amount is taken; try again later or widen the range under Settings',
  too_large: `the body is larger than ${MAX_JSON_BODY_BYTES} bytes`,
  invalid: 'a field is missing or wrong; the message names each one',
  internal: 'something failed on Cocok’s side; try again later, the server’s log has the details',
} as const;

export type ErrorCode = keyof typeof ERROR_CODES;

function error(
  description: string,
  codes: ErrorCode[],
  examples: Record<string, { summary: string; code: ErrorCode; message: string }>,
): ResponseObject {
  return {
    description,
    content: {
      [JSON_TYPE]: {
        schema: { $ref: '#/components/schemas/Error', properties: { error: { properties: { code: { enum: codes } } } } },
        examples: Object.fromEntries(
          Object.entries(examples).map(([name, { summary, code, message }]) => [name, { summary, value: { error: { code, message } } }]),
        ),
      },
    },
  };
}

const UNAUTHORIZED: ResponseObject = {
  ...error('No valid API key: the header is missing, not `Bearer <key>`, or names a key that does not exist or was revoked.', ['unauthorized'], {
    unauthorized: { summary: 'No key, or a wrong one', code: 'unauthorized', message: UNAUTHORIZED_MESSAGE },
  }),
  headers: { 'WWW-Authenticate': { description: 'Always `Bearer`.', required: true, schema: { type: 'string', const: 'Bearer' } } },
};

const MALFORMED = error('The body is not a JSON object.', ['malformed'], {
  notJson: { summary: 'Not JSON', code: 'malformed', message: 'the body is not valid JSON: Unexpected end of JSON input' },
  notObject: { summary: 'An array instead of an object', code: 'malformed', message: 'the body must be a JSON object' },
});

const TOO_LARGE = error(`The body is larger than ${MAX_JSON_BODY_BYTES} bytes.`, ['too_large'], {
  tooLarge: { summary: 'Too large', code: 'too_large', message: `the body is larger than the limit of ${MAX_JSON_BODY_BYTES} bytes` },
});

const INTERNAL = error('Cocok failed (its database is unavailable, say). Nothing was changed; send the same request again later.', ['internal'], {
  internal: { summary: 'Try again later', code: 'internal', message: 'something went wrong on our side; try again later' },
});

const UNSTORABLE = englishMessage('textUnstorable', { field: 'customer_name' });

const REFERENCE_PARAMETER: Parameter = {
  name: 'reference',
  in: 'path',
  description: 'The order’s reference, as it was created (URL-encoded). Letter case does not matter here.',
  required: true,
  schema: { type: 'string', minLength: 1 },
  example: 'INV-1001',
};

const ORDER_ANSWER = (description: string, examples: Record<string, Example>): ResponseObject => ({
  description,
  content: { [JSON_TYPE]: { schema: ref('Order'), examples } },
});

const createOrder: Operation = {
  operationId: 'createOrder',
  summary: 'Create an order',
  tags: ['Orders'],
  description: [
    'Creates an order and picks its unique code: the small number added to the amount so that no two open orders share a payable amount',
    '(nor the amount of an order closed in the last days, so a late transfer for it never pays a stranger’s order).',
    'Show the customer `payable_amount`: the transfer of exactly that amount pays the order.',
    'A transfer of that amount that arrived before the order is matched to it at once, so the answer can already say `paid`.',
    '',
    '**Retrying is safe.** Creating an order with a reference that exists answers:',
    '',
    '- `200` with that order as it is now (possibly paid, cancelled or expired meanwhile) when the reference is exactly the same,',
    '  letter case included, and so is the amount (`150000` and `"150000"` are the same amount). The other fields of the retry are',
    '  ignored: nothing is changed.',
    '- `409` with code `conflict` otherwise (another amount, or the reference in other letter case): a reference names one order,',
    '  whatever its letter case. The message says which reference and amount exist.',
    '',
    'A new order answers `201`.',
  ].join('\n'),
  requestBody: {
    description: 'The order. Unknown fields are ignored.',
    required: true,
    content: {
      [JSON_TYPE]: {
        schema: ref('OrderInput'),
        examples: {
          minimal: { summary: 'Reference and amount only', value: { reference: 'INV-1001', amount: 150000 } },
          full: {
            summary: 'With the customer, the account to pay into and an expiry',
            value: { reference: 'INV-1002', amount: 275000, customer_name: 'Budi Santoso', account_number: '873-011-2233', expires_in_minutes: 120 },
          },
        },
      },
    },
  },
  responses: {
    '201': ORDER_ANSWER('The order was created.', { created: { summary: 'A new order', value: EXAMPLE_ORDER } }),
    '200': ORDER_ANSWER('An order with this reference and amount exists already: this is it, unchanged.', {
      existing: { summary: 'The same order again', value: EXAMPLE_ORDER },
    }),
    '400': MALFORMED,
    '401': UNAUTHORIZED,
    '409': error(
      'The reference is taken by an order of another amount (or in other letter case), or too many orders of this amount were being created at once (`conflict`; try again); or every unique code of this amount is in use (`unique_codes_exhausted`).',
      ['conflict', 'unique_codes_exhausted'],
      {
        referenceTaken: {
          summary: 'The same reference with another amount',
          code: 'conflict',
          message: englishMessage('referenceTaken', { reference: 'INV-1001', amount: '150000' }),
        },
        exhausted: {
          summary: 'No unique code left for this amount',
          code: 'unique_codes_exhausted',
          message: englishMessage('uniqueCodesExhausted', { min: 1, max: 999, amount: 'Rp 150.000' }),
        },
      },
    ),
    '413': TOO_LARGE,
    '422': error('A field is missing or wrong; the message names each one.', ['invalid'], {
      invalid: {
        summary: 'A wrong amount',
        code: 'invalid',
        message: englishMessage('orderInvalid', { details: 'amount: amount must be more than 0' }),
      },
      unstorable: { summary: 'A NUL character in a text', code: 'invalid', message: UNSTORABLE },
    }),
    '500': INTERNAL,
  },
};

const getOrder: Operation = {
  operationId: 'getOrder',
  summary: 'Read an order',
  tags: ['Orders'],
  description: 'The order as it is now: its status and what has been paid.',
  parameters: [REFERENCE_PARAMETER],
  responses: {
    '200': ORDER_ANSWER('The order.', {
      paid: {
        summary: 'A paid order',
        value: { ...EXAMPLE_ORDER, status: 'paid', paid_at: '2026-11-28T05:02:41.000Z', paid_amount: 150123 },
      },
    }),
    '401': UNAUTHORIZED,
    '404': error('There is no order with this reference.', ['not_found'], {
      notFound: { summary: 'Unknown reference', code: 'not_found', message: 'there is no order INV-404' },
    }),
    '422': error('The reference holds a character that cannot be stored (a NUL, or half a surrogate pair).', ['invalid'], {
      unstorable: { summary: 'A NUL in the reference', code: 'invalid', message: englishMessage('textUnstorable', { field: 'reference' }) },
    }),
    '500': INTERNAL,
  },
};

const cancelOrder: Operation = {
  operationId: 'cancelOrder',
  summary: 'Cancel an order',
  tags: ['Orders'],
  description: [
    'Cancels an order that is not paid (`pending` or `expired`). A transfer that arrives for it later is not matched to it: it waits for a person.',
    'Its payable amount is not given to a new order for the days set under Settings, so that late transfer cannot pay a stranger’s order.',
    'Cancelling a cancelled order again answers it unchanged (`200`). An order that money reached (`paid`, `underpaid`, `overpaid`) cannot',
    'be cancelled: a person undoes its payment in the dashboard first.',
  ].join('\n'),
  parameters: [REFERENCE_PARAMETER],
  requestBody: {
    description: 'Optional: an empty body is the same as `{}`.',
    required: false,
    content: {
      [JSON_TYPE]: {
        schema: ref('CancelInput'),
        examples: { reason: { summary: 'With a reason', value: { reason: 'customer changed their mind' } } },
      },
    },
  },
  responses: {
    '200': ORDER_ANSWER('The cancelled order.', {
      cancelled: { summary: 'Cancelled', value: { ...EXAMPLE_ORDER, status: 'cancelled' } },
    }),
    '400': MALFORMED,
    '401': UNAUTHORIZED,
    '404': error('There is no order with this reference.', ['not_found'], {
      notFound: { summary: 'Unknown reference', code: 'not_found', message: englishMessage('orderReferenceNotFound', { reference: 'INV-404' }) },
    }),
    '409': error('Money reached the order (`paid`, `underpaid` or `overpaid`): undo its payment in the dashboard before cancelling.', ['conflict'], {
      paid: { summary: 'A paid order', code: 'conflict', message: englishMessage('orderCannotCancel', { reference: 'INV-1001' }) },
    }),
    '413': TOO_LARGE,
    '422': error('The reason is not text or too long, or a text holds a character that cannot be stored.', ['invalid'], {
      invalid: { summary: 'A reason that is not text', code: 'invalid', message: 'reason: reason must be text' },
    }),
    '500': INTERNAL,
  },
};

const getDocument: Operation = {
  operationId: 'getOpenApiDocument',
  summary: 'This document',
  tags: ['Documentation'],
  description: 'This OpenAPI 3.1 document, for code generators and API tools. Public; it changes only when Cocok is updated.',
  security: [],
  responses: {
    '200': {
      description: 'The document.',
      headers: {
        'Cache-Control': {
          description: 'Shared caches may keep it for an hour.',
          required: true,
          schema: { type: 'string', const: 'public, max-age=3600' },
        },
        ETag: {
          description: 'The document’s version; send it back in `If-None-Match`.',
          required: true,
          schema: { type: 'string', pattern: '^"[A-Za-z0-9_-]+"$' },
        },
      },
      content: {
        [JSON_TYPE]: {
          schema: {
            type: 'object',
            required: ['openapi', 'info', 'paths'],
            properties: {
              openapi: { const: '3.1.0' },
              info: { type: 'object' },
              paths: { type: 'object' },
              webhooks: { type: 'object' },
              components: { type: 'object' },
            },
          },
        },
      },
    },
    '304': {
      description: '`If-None-Match` names the current version: the copy you have is current.',
      headers: { ETag: { description: 'The document’s version.', required: true, schema: { type: 'string', pattern: '^"[A-Za-z0-9_-]+"$' } } },
    },
  },
};

const CALLBACK_HEADERS: Parameter[] = [
  {
    name: 'X-Cocok-Event',
    in: 'header',
    description: 'The event, as in the body’s `event`.',
    required: true,
    schema: { type: 'string', enum: [ORDER_PAID, ORDER_UNDERPAID, ORDER_UNPAID] },
  },
  {
    name: 'X-Cocok-Event-Id',
    in: 'header',
    description: 'The event’s id, as in the body’s `id`: the same on every retry. Record the ids you processed and ignore repeats.',
    required: true,
    schema: { type: 'string', format: 'uuid' },
  },
  {
    name: 'X-Cocok-Signature',
    in: 'header',
    description: [
      '`t=<timestamp>,v1=<signature>`: `timestamp` is the time of sending in Unix seconds; `signature` is the lowercase hex HMAC-SHA256,',
      'keyed with the callback secret, of the timestamp, a full stop and the raw body (`` `${t}.${body}` ``). Each retry is signed afresh.',
      'Verify it on the raw body before parsing, compare in constant time, and refuse timestamps more than 5 minutes from your clock.',
    ].join('\n'),
    required: true,
    schema: { type: 'string', pattern: '^t=[0-9]{1,15},v1=[0-9a-f]{64}$' },
    example: 't=1795835407,v1=5f2b0c9d4e1a7b3c8d2e6f0a1b5c9d3e7f1a2b6c0d4e8f2a3b7c1d5e9f0a4b8c',
  },
  {
    name: 'User-Agent',
    in: 'header',
    description: '`Cocok/<version>`.',
    required: true,
    schema: { type: 'string', pattern: '^Cocok/' },
  },
];

const CALLBACK_ANSWERS: Record<string, ResponseObject> = {
  '2XX': { description: 'Stored: answer within 10 seconds, then do slow work. The body of the answer is not read beyond its first 1000 characters.' },
  default: {
    description:
      'Anything else (another status, a redirect, a timeout, a refused connection) is a failure: Cocok tries again, up to 8 more times over about 20 to 40 minutes, then marks the callback failed.',
  },
};

const EXAMPLE_PAYMENT = {
  mutation_id: 'mut_7Hq2LmP0aa',
  amount: 150123,
  account_number: '8730112233',
  bank_type: 'bca',
  occurred_at: '2026-11-28T03:14:07.000Z',
};

const callbackOrderExample = (status: string, paidAmount: number, paidAt: string | null) => ({
  reference: 'INV-1001',
  amount: 150000,
  unique_code: 123,
  payable_amount: 150123,
  paid_amount: paidAmount,
  status,
  paid_at: paidAt,
  customer_name: 'Siti Rahayu',
});

function callback(event: string, schema: string, summary: string, description: string, example: unknown): PathItem {
  return {
    post: {
      operationId: event.replace('.', '_'),
      summary,
      description,
      tags: ['Store callbacks'],
      security: [],
      parameters: CALLBACK_HEADERS,
      requestBody: {
        description: 'The event.',
        required: true,
        content: { [JSON_TYPE]: { schema: ref(schema), examples: { event: { summary, value: example } } } },
      },
      responses: CALLBACK_ANSWERS,
    },
  };
}

const STATUS_DESCRIPTIONS: Record<OrderStatus, string> = {
  pending: 'awaiting payment',
  paid: 'exactly the payable amount came in',
  underpaid: 'money came in, but less than the payable amount; do not ship yet',
  overpaid: 'more than the payable amount came in: paid in full',
  expired: 'its time passed unpaid',
  cancelled: 'cancelled',
};

const ORDER_STATUS: JsonSchema = {
  type: 'string',
  enum: Object.values(OrderStatus),
  description: Object.entries(STATUS_DESCRIPTIONS)
    .map(([status, meaning]) => `\`${status}\`: ${meaning}`)
    .join('; '),
};

const reference = (description: string): JsonSchema => ({
  type: 'string',
  minLength: 3,
  maxLength: 64,
  pattern: '^[A-Za-z0-9][A-Za-z0-9_/-]*$',
  description,
});

const schemas: Record<string, JsonSchema> = {
  OrderInput: {
    type: 'object',
    required: ['reference', 'amount'],
    properties: {
      reference: reference(
        'Your store’s reference for the order: 3–64 letters, digits, `-`, `_` and `/`, starting with a letter or digit. It names one order for good, whatever its letter case.',
      ),
      amount: {
        description: `The order’s amount in whole rupiah before the unique code: more than 0, at most ${MAX_ORDER_AMOUNT}. An integer, or a string of digits (\`"150000"\`, \`"150000.00"\`); thousands separators are refused as ambiguous.`,
        oneOf: [
          { type: 'integer', minimum: 1, maximum: Number(MAX_ORDER_AMOUNT) },
          { type: 'string', pattern: '^\\s*[0-9]+(\\.0*)?\\s*$' },
        ],
      },
      customer_name: nullable({ type: 'string', maxLength: 200, description: 'Who pays, shown to finance staff next to the order.' }),
      account_number: nullable({
        type: 'string',
        maxLength: 40,
        pattern: '^[0-9 -]*$',
        description: 'Your account the customer pays into (digits; spaces and dashes are ignored): only a transfer into it pays the order.',
      }),
      expires_in_minutes: nullable({
        type: 'integer',
        minimum: 1,
        maximum: 60 * 24 * 90,
        description: 'How long the order waits for its transfer; by default the expiry set under Settings (24 hours at first).',
      }),
    },
  },
  CancelInput: {
    type: 'object',
    properties: {
      reason: nullable({ type: 'string', maxLength: MAX_CANCEL_REASON_LENGTH, description: 'Why, kept in the order’s history.' }),
    },
  },
  Order: {
    type: 'object',
    description: 'An order as the store API shows it.',
    additionalProperties: false,
    required: [
      'reference',
      'amount',
      'unique_code',
      'payable_amount',
      'status',
      'expires_at',
      'paid_at',
      'customer_name',
      'paid_amount',
      'created_at',
      'pay_url',
    ],
    properties: {
      reference: reference('The reference, as it was created.'),
      amount: rupiah('The order’s amount before the unique code.', 1, Number(MAX_ORDER_AMOUNT)),
      unique_code: {
        type: 'integer',
        minimum: 0,
        maximum: MAX_UNIQUE_CODE,
        description: `The unique code added to the amount (from ${DEFAULT_UNIQUE_CODE_RANGE.min} to ${DEFAULT_UNIQUE_CODE_RANGE.max} unless changed under Settings).`,
      },
      payable_amount: rupiah('What the customer must transfer: `amount` + `unique_code`. Show the customer this.', 1),
      status: ORDER_STATUS,
      expires_at: nullable(time('When the order expires unless paid before.')),
      paid_at: nullable(time('When money first reached the order; `null` until then.')),
      customer_name: nullable({ type: 'string', description: 'Who pays, as given.' }),
      paid_amount: rupiah('What came in for the order so far; `0` until then.'),
      created_at: time('When the order was created.'),
      pay_url: {
        type: 'string',
        pattern: '^https?://[^/]+/pay/[A-Za-z0-9_-]{38}$',
        description:
          'The customer’s payment page: the exact amount, where to pay, and the status live. A signed link (not the reference), on the address the request came to; send it to the customer.',
      },
    },
  },
  Error: {
    type: 'object',
    description: 'Every refusal of the store API.',
    additionalProperties: false,
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        additionalProperties: false,
        required: ['code', 'message'],
        properties: {
          code: {
            type: 'string',
            description: `What went wrong, for code to act on: ${Object.entries(ERROR_CODES)
              .map(([code, meaning]) => `\`${code}\` (${meaning})`)
              .join(', ')}. New codes may be added.`,
          },
          message: { type: 'string', minLength: 1, description: 'What went wrong, in English, for people.' },
        },
      },
    },
  },
  CallbackPayment: {
    type: 'object',
    description: 'A transfer counted for the order.',
    additionalProperties: false,
    required: ['mutation_id', 'amount', 'account_number', 'bank_type', 'occurred_at'],
    properties: {
      mutation_id: { type: 'string', description: 'Moota’s id of the transfer.' },
      amount: rupiah('What of the transfer is counted for this order.', 1),
      account_number: { type: 'string', description: 'The account it came into.' },
      bank_type: nullable({ type: 'string', description: 'Moota’s name for the bank (`bca`, `mandiri`, …), when Moota gives one.' }),
      occurred_at: time('When the bank booked it.'),
    },
  },
  CallbackOrder: {
    type: 'object',
    description: 'The order as it is after the event.',
    additionalProperties: false,
    required: ['reference', 'amount', 'unique_code', 'payable_amount', 'paid_amount', 'status', 'paid_at', 'customer_name'],
    properties: {
      reference: { type: 'string', description: 'Your reference.' },
      amount: rupiah('The order’s amount before the unique code.', 1),
      unique_code: { type: 'integer', minimum: 0, maximum: MAX_UNIQUE_CODE, description: 'The unique code.' },
      payable_amount: rupiah('`amount` + `unique_code`.', 1),
      paid_amount: rupiah('What is counted for the order now; `0` when nothing is.'),
      status: ORDER_STATUS,
      paid_at: nullable(time('When money first reached the order (not a promise it is paid in full); `null` when nothing is counted.')),
      customer_name: nullable({ type: 'string', description: 'Who pays.' }),
    },
  },
  OrderPaymentCallback: {
    type: 'object',
    description: 'The body of every store callback. The event name alone tells whether to ship: only `order.paid`.',
    additionalProperties: false,
    required: ['id', 'event', 'created_at', 'order', 'payments'],
    properties: {
      id: { type: 'string', format: 'uuid', description: 'The event’s id (also `X-Cocok-Event-Id`): the same on every retry.' },
      event: { type: 'string', description: 'What happened. Ignore names you do not know and answer them `2xx`: later versions may add more.' },
      created_at: time('When the event happened.'),
      order: ref('CallbackOrder'),
      payments: { type: 'array', items: ref('CallbackPayment'), description: 'The transfers counted for the order now, oldest first.' },
    },
  },
  OrderPaid: {
    $ref: '#/components/schemas/OrderPaymentCallback',
    description: '`order.paid`: the order is paid in full, exactly or more.',
    properties: { event: { const: ORDER_PAID }, order: { properties: { status: { enum: ['paid', 'overpaid'] } } } },
  },
  OrderUnderpaid: {
    $ref: '#/components/schemas/OrderPaymentCallback',
    description: '`order.underpaid`: money came in for the order, but less than it owes.',
    properties: { event: { const: ORDER_UNDERPAID }, order: { properties: { status: { const: 'underpaid' } } } },
  },
  OrderUnpaid: {
    $ref: '#/components/schemas/OrderPaymentCallback',
    description: '`order.unpaid`: a person undid a payment the store was told of; the order is no longer paid in full.',
    properties: { event: { const: ORDER_UNPAID }, order: { properties: { status: { enum: ['pending', 'expired', 'underpaid'] } } } },
  },
};

export const storeApiDocument: OpenApiDocument = {
  openapi: '3.1.0',
  jsonSchemaDialect: 'https://json-schema.org/draft/2020-12/schema',
  info: {
    title: 'Cocok store API',
    version: '1.0.0',
    description: [
      'How your store creates, reads and cancels the orders Cocok matches bank transfers to, and the callbacks Cocok sends your store when money reaches an order.',
      '',
      '- **Authentication**: `Authorization: Bearer <key>`, with a key made under Settings → API keys or one of `STORE_API_KEYS`.',
      '- **Money** is whole rupiah as JSON integers (`150000` is Rp 150.000), never fractions.',
      '- **Times** are ISO 8601 in UTC (`2026-11-28T03:14:09.120Z`).',
      '- **Bodies** are JSON objects (`Content-Type: application/json`), at most 64 KiB.',
      '- **Errors** answer `{"error": {"code", "message"}}`: act on the status and `code`, show or log `message`.',
    ].join('\n'),
  },
  servers: [{ url: '/', description: 'Your Cocok, where this document was read from.' }],
  tags: [
    { name: 'Orders', description: 'What your store asks of Cocok.' },
    {
      name: 'Store callbacks',
      description: 'What Cocok tells your store, at the callback URL set under Settings. See docs/store-callbacks.md for code that verifies them.',
    },
    { name: 'Documentation', description: 'This document.' },
  ],
  security: [{ storeApiKey: [] }],
  paths: {
    '/api/orders': { post: createOrder },
    '/api/orders/{reference}': { get: getOrder },
    '/api/orders/{reference}/cancel': { post: cancelOrder },
    '/api/openapi.json': { get: getDocument },
  },
  webhooks: {
    [ORDER_PAID]: callback(
      ORDER_PAID,
      'OrderPaid',
      'The order is paid',
      'Sent when money is allocated to an order and it is paid in full: exactly the payable amount (`paid`) or more (`overpaid`). Ship the order. An order that is paid stays paid: more money sends no other event.',
      {
        id: '0197c3a2-5d1e-7b40-9f0e-2c1d8e6a4b10',
        event: ORDER_PAID,
        created_at: '2026-11-28T03:14:09.120Z',
        order: callbackOrderExample('paid', 150123, '2026-11-28T03:14:09.118Z'),
        payments: [EXAMPLE_PAYMENT],
      },
    ),
    [ORDER_UNDERPAID]: callback(
      ORDER_UNDERPAID,
      'OrderUnderpaid',
      'Money came in, but not enough',
      'Sent when money is allocated to an order but less than it owes (a person or a tolerance set under Settings accepted it). Do not ship yet: it can be followed by `order.underpaid` again as more comes in, and by `order.paid` once paid in full.',
      {
        id: '0197c3a2-5d1e-7b40-9f0e-2c1d8e6a4b11',
        event: ORDER_UNDERPAID,
        created_at: '2026-11-28T03:14:09.120Z',
        order: callbackOrderExample('underpaid', 149000, '2026-11-28T03:14:09.118Z'),
        payments: [{ ...EXAMPLE_PAYMENT, amount: 149000 }],
      },
    ),
    [ORDER_UNPAID]: callback(
      ORDER_UNPAID,
      'OrderUnpaid',
      'A payment was undone',
      'Sent when a person undoes a payment the store was told of (`order.paid` or `order.underpaid`) and the order is no longer paid in full. Stop shipping it. `payments` lists only the payments still counted. When a transfer pays it again, `order.paid` comes again with a new id.',
      {
        id: '0197c3a2-5d1e-7b40-9f0e-2c1d8e6a4b12',
        event: ORDER_UNPAID,
        created_at: '2026-11-28T04:00:00.000Z',
        order: callbackOrderExample('pending', 0, null),
        payments: [],
      },
    ),
  },
  components: {
    schemas,
    securitySchemes: {
      storeApiKey: {
        type: 'http',
        scheme: 'bearer',
        description: 'An API key made under Settings → API keys (it starts with `cocok_` and is shown once), or one of `STORE_API_KEYS`.',
      },
    },
  },
};
