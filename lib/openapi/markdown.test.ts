import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { storeApiDocument } from '@/lib/openapi/document';
import { storeApiMarkdown } from '@/lib/openapi/markdown';

const markdown = storeApiMarkdown(storeApiDocument);

describe('docs/store-api.md', () => {
  test('is what `npm run docs:api` writes from the document: run it after changing lib/openapi/document.ts', () => {
    const committed = readFileSync(path.resolve(import.meta.dirname, '../../docs/store-api.md'), 'utf8');
    expect(committed === markdown, 'docs/store-api.md is out of date: run `npm run docs:api`').toBe(true);
  });

  test('names every operation, every status it answers, every callback and every object', () => {
    for (const [route, item] of Object.entries(storeApiDocument.paths)) {
      for (const [method, operation] of Object.entries(item)) {
        expect(markdown).toContain(`\`${method.toUpperCase()} ${route}\``);
        for (const status of Object.keys(operation.responses)) expect(markdown, `${route} ${status}`).toMatch(new RegExp(`^\\| ${status} \\|`, 'm'));
      }
    }
    for (const event of Object.keys(storeApiDocument.webhooks)) expect(markdown).toContain(`### \`${event}\``);
    for (const name of Object.keys(storeApiDocument.components.schemas)) expect(markdown).toContain(`### ${name}\n`);
  });

  test('links only to headings it has', () => {
    const anchors = new Set(
      [...markdown.matchAll(/^#{1,6} (.+)$/gm)].map(([, heading]) =>
        heading!
          .toLowerCase()
          .replace(/[^\p{L}\p{N} -]/gu, '')
          .replaceAll(' ', '-'),
      ),
    );
    const links = [...markdown.matchAll(/\]\(#([^)]+)\)/g)].map(([, anchor]) => anchor!);
    expect(links.length).toBeGreaterThan(10);
    expect(links.filter((anchor) => !anchors.has(anchor))).toEqual([]);
  });
});
