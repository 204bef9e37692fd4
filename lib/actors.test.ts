import { expect, test } from 'vitest';
import { actorName, SYSTEM_ACTOR } from '@/lib/actors';

test('Cocok itself is named in the reader’s word; a person by the e-mail stored', () => {
  expect(actorName(SYSTEM_ACTOR, 'sistem')).toBe('sistem');
  expect(actorName('finance@toko.id', 'sistem')).toBe('finance@toko.id');
});
