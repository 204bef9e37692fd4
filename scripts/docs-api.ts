import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { storeApiDocument } from '@/lib/openapi/document';
import { storeApiMarkdown } from '@/lib/openapi/markdown';

/** `npm run docs:api`: writes docs/store-api.md from the OpenAPI document in lib/openapi/document.ts. */
const target = path.resolve(import.meta.dirname, '..', 'docs', 'store-api.md');
writeFileSync(target, storeApiMarkdown(storeApiDocument));
console.log(`wrote ${path.relative(process.cwd(), target)}`);
