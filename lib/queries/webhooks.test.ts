import { describe, expect, test } from 'vitest';
import { parseSearchParams } from '@/lib/search-params';
import { deliveryFilterParams, deliveryListParams, prettyBody, summarizeProcessing } from '@/lib/queries/webhooks';

describe("the webhook log's query parameters", () => {
  test.each([
    ['nothing', {}, { failedOnly: false, from: null, to: null, source: null, syncRunId: null }],
    ['failed only as 1', { failed: '1' }, { failedOnly: true, from: null, to: null, source: null, syncRunId: null }],
    ['failed only as true', { failed: 'true' }, { failedOnly: true, from: null, to: null, source: null, syncRunId: null }],
    [
      'a date range',
      { from: '2026-11-01', to: '2026-11-28' },
      { failedOnly: false, from: '2026-11-01', to: '2026-11-28', source: null, syncRunId: null },
    ],
    [
      'malformed dates are dropped',
      { from: '01/11/2026', to: '2026-13-45' },
      { failedOnly: false, from: null, to: null, source: null, syncRunId: null },
    ],
    ['the first of repeated values', { failed: ['1', '0'] }, { failedOnly: true, from: null, to: null, source: null, syncRunId: null }],
    ['anything else is not failed only', { failed: 'yes' }, { failedOnly: false, from: null, to: null, source: null, syncRunId: null }],
    ['a source', { source: 'apiSync' }, { failedOnly: false, from: null, to: null, source: 'apiSync', syncRunId: null }],
    ['an unknown source is dropped', { source: 'api-sync' }, { failedOnly: false, from: null, to: null, source: null, syncRunId: null }],
    [
      "one sync run's pages",
      { run: '0190c0de-0000-7000-8000-000000000000' },
      { failedOnly: false, from: null, to: null, source: null, syncRunId: '0190c0de-0000-7000-8000-000000000000' },
    ],
    ['a run that is not an id is dropped', { run: 'latest' }, { failedOnly: false, from: null, to: null, source: null, syncRunId: null }],
    ['a day that does not exist is dropped', { from: '2026-02-30' }, { failedOnly: false, from: null, to: null, source: null, syncRunId: null }],
  ])('%s', (_label, params, expected) => {
    expect(parseSearchParams(deliveryFilterParams, params)).toEqual(expected);
  });

  test('a page of the log: the filters, the cursor and the page size', () => {
    expect(parseSearchParams(deliveryListParams, new URLSearchParams('failed=1&cursor=abc&limit=10'))).toEqual({
      filters: { failedOnly: true, from: null, to: null, source: null, syncRunId: null },
      cursor: 'abc',
      limit: 10,
    });
  });
});

describe('summarizeProcessing', () => {
  test.each([
    ['no mutations', {}, { state: 'none' }],
    ['all processed', { processed: 3 }, { state: 'processed', total: 3 }],
    ['some waiting', { processed: 1, received: 2 }, { state: 'waiting', waiting: 2, total: 3 }],
    ['dead wins over waiting', { processed: 1, received: 1, dead: 2 }, { state: 'dead', dead: 2, total: 4 }],
  ] as const)('%s', (_label, counts, expected) => {
    expect(summarizeProcessing(counts)).toEqual(expected);
  });
});

describe('prettyBody', () => {
  test.each([
    ['JSON is indented', '[{"a":1}]', { text: '[\n  {\n    "a": 1\n  }\n]', json: true }],
    ['other text is kept', 'a=1&b=2', { text: 'a=1&b=2', json: false }],
    ['a cut-off JSON excerpt is kept', '[{"a":', { text: '[{"a":', json: false }],
    ['empty', '', { text: '', json: false }],
  ])('%s', (_label, body, expected) => {
    expect(prettyBody(body)).toEqual(expected);
  });
});
