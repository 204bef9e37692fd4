import { describe, expect, test } from 'vitest';
import { readRefusalReason, refusalReason } from '@/lib/moota/refusal-reasons';
import { readDelivery } from '@/lib/moota/payload';

describe('refusal reasons', () => {
  test.each([
    { sentence: refusalReason('noSecret'), code: 'noSecret', params: {} },
    { sentence: refusalReason('notAllowed', { address: '203.0.113.9' }), code: 'notAllowed', params: { address: '203.0.113.9' } },
    { sentence: refusalReason('tooLarge', { limit: 1_048_576 }), code: 'tooLarge', params: { limit: '1048576' } },
    { sentence: refusalReason('signatureMissing'), code: 'signatureMissing', params: {} },
    { sentence: refusalReason('signatureInvalid'), code: 'signatureInvalid', params: {} },
    { sentence: refusalReason('tooDeep', { depth: 65, limit: 64 }), code: 'tooDeep', params: { depth: '65', limit: '64' } },
    { sentence: refusalReason('notJson'), code: 'notJson', params: {} },
    { sentence: refusalReason('notAList', { kind: 'an object' }), code: 'notAList', params: { kind: 'an object' } },
    {
      sentence: refusalReason('databaseRefused', { detail: 'value too long\nfor type' }),
      code: 'databaseRefused',
      params: { detail: 'value too long\nfor type' },
    },
  ])('$code reads back into its code and parameters', ({ sentence, code, params }) => {
    expect(readRefusalReason(sentence)).toEqual({ code, params });
  });

  test('the sentences Moota gets stay as they were', () => {
    expect(refusalReason('signatureInvalid')).toBe('the Signature header does not match the body');
    expect(refusalReason('notAllowed', { address: '198.51.100.7' })).toBe('address 198.51.100.7 is not in the allowlist');
  });

  test("refused mutations read back as the delivery's own problems", () => {
    const read = readDelivery([{ mutation_id: 'm-1', amount: -5 }]);
    expect(read.ok).toBe(true);
    const details = read.ok ? read.refused.flatMap((mutation) => mutation.problems).join('; ') : '';
    expect(readRefusalReason(details)).toEqual({ code: 'mutationsRefused', params: { details } });
    const notAList = readDelivery({ data: [] });
    expect(notAList.ok).toBe(false);
    expect(readRefusalReason(notAList.ok ? '' : notAList.error)?.code).toBe('notAList');
  });

  test('a sentence this module did not make is left as it is', () => {
    expect(readRefusalReason('something else went wrong')).toBeNull();
  });
});
