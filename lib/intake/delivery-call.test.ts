import { expect, test } from 'vitest';
import { auditHeaders, refusedCallHeaders } from './delivery-call';

const bulky = new Headers({
  'user-agent': 'curl/8.0',
  'x-forwarded-for': '203.0.113.9',
  signature: 's'.repeat(400),
  cookie: 'session=abc',
  ...Object.fromEntries(Array.from({ length: 40 }, (_, i) => [`x-junk-${i}`, 'j'.repeat(500)])),
});

test('a refused call keeps only the headers that say who it claims to be, each shortened, under 1 KB in all', () => {
  const kept = refusedCallHeaders(bulky);
  expect(Object.keys(kept).sort()).toEqual(['signature', 'user-agent', 'x-forwarded-for']);
  expect(kept.signature).toBe(`${'s'.repeat(128)}…`);
  expect(JSON.stringify(kept).length).toBeLessThan(1024);
});

test('an accepted call keeps its headers as before, credentials redacted', () => {
  const kept = auditHeaders(bulky);
  expect(kept.cookie).toBe('[redacted]');
  expect(Object.keys(kept)).toHaveLength(44);
});
