import { existsSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { BUILD_SOURCES } from './web-build';

const root = path.resolve(import.meta.dirname, '../..');

test.each(BUILD_SOURCES)('the build fingerprint names %s, which exists', (source) => {
  expect(existsSync(path.join(root, source))).toBe(true);
});
