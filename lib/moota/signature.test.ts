import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { signBody, verifySignature } from './signature';

const FIXTURES = path.join(import.meta.dirname, '__fixtures__');
const SECRET = 'cocok-test-secret';

const fixtures = readdirSync(FIXTURES)
  .filter((name) => name.endsWith('.signature'))
  .map((name) => {
    const base = name.replace(/\.signature$/, '');
    return {
      name: base,
      body: new Uint8Array(readFileSync(path.join(FIXTURES, `${base}.json`))),
      header: readFileSync(path.join(FIXTURES, name), 'utf8'),
    };
  });

const body = new TextEncoder().encode('[{"mutation_id":"mut_1","amount":"150123.00"}]');
const goodHeader = signBody(body, SECRET);

describe('signBody', () => {
  test.each(fixtures)('matches the recorded signature of $name', ({ body, header }) => {
    expect(signBody(body, SECRET)).toBe(header.trim());
  });

  test.each([
    { label: 'string and its UTF-8 bytes agree', a: 'Rp 10.000 — é', b: new TextEncoder().encode('Rp 10.000 — é') },
    { label: 'empty body', a: '', b: new Uint8Array() },
  ])('$label', ({ a, b }) => {
    expect(signBody(a, SECRET)).toBe(signBody(b, SECRET));
  });

  test('is lowercase hex of 32 bytes', () => {
    expect(goodHeader).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('verifySignature', () => {
  test('there are fixtures to check', () => {
    expect(fixtures.map((f) => f.name).sort()).toEqual(['credit-two', 'mixed-bank-null', 'test-webhook', 'virtual-account']);
  });

  test.each(fixtures)('accepts fixture $name with its recorded header', ({ body, header }) => {
    expect(verifySignature(body, header, [SECRET])).toBe('valid');
  });

  test.each(fixtures)('rejects fixture $name with one byte changed', ({ body, header }) => {
    const tampered = body.slice();
    const index = Math.floor(tampered.length / 2);
    tampered[index] = tampered[index]! ^ 0x01;
    expect(verifySignature(tampered, header, [SECRET])).toBe('invalid');
  });

  test.each([
    { label: 'single secret', secrets: [SECRET], expected: 'valid' },
    { label: 'rotation, signed with the old secret', secrets: ['new-secret-2027', SECRET], expected: 'valid' },
    { label: 'rotation, signed with the new secret', secrets: [SECRET, 'old-secret-2025'], expected: 'valid' },
    { label: 'wrong secret', secrets: ['some-other-secret'], expected: 'invalid' },
    { label: 'no secrets configured', secrets: [], expected: 'invalid' },
    { label: 'only an empty secret configured', secrets: [''], expected: 'invalid' },
    { label: 'secret differing only in case', secrets: [SECRET.toUpperCase()], expected: 'invalid' },
  ])('secrets: $label', ({ secrets, expected }) => {
    expect(verifySignature(body, goodHeader, secrets)).toBe(expected);
  });

  test('an empty secret does not validate a body signed with an empty key', () => {
    expect(verifySignature(body, signBody(body, ''), ['', SECRET])).toBe('invalid');
  });

  test.each([
    { label: 'lowercase hex', header: goodHeader, expected: 'valid' },
    { label: 'uppercase hex', header: goodHeader.toUpperCase(), expected: 'valid' },
    { label: 'surrounding whitespace', header: `  ${goodHeader}\n`, expected: 'valid' },
    { label: 'null', header: null, expected: 'missing' },
    { label: 'undefined', header: undefined, expected: 'missing' },
    { label: 'empty', header: '', expected: 'missing' },
    { label: 'whitespace only', header: '   ', expected: 'missing' },
    { label: 'odd length', header: goodHeader.slice(0, 63), expected: 'invalid' },
    { label: 'truncated to 31 bytes', header: goodHeader.slice(0, 62), expected: 'invalid' },
    { label: 'one byte too long', header: `${goodHeader}00`, expected: 'invalid' },
    { label: 'non-hex character', header: `${goodHeader.slice(0, 63)}g`, expected: 'invalid' },
    { label: 'sha256= prefix', header: `sha256=${goodHeader}`, expected: 'invalid' },
    { label: 'base64 of the digest', header: Buffer.from(goodHeader, 'hex').toString('base64'), expected: 'invalid' },
    { label: 'two signatures joined', header: `${goodHeader},${goodHeader}`, expected: 'invalid' },
    { label: 'all zeros', header: '0'.repeat(64), expected: 'invalid' },
    { label: 'last digit changed', header: `${goodHeader.slice(0, 63)}${goodHeader.endsWith('0') ? '1' : '0'}`, expected: 'invalid' },
  ])('header: $label', ({ header, expected }) => {
    expect(verifySignature(body, header, [SECRET])).toBe(expected);
  });
});
