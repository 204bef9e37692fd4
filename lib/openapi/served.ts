import { createHash } from 'node:crypto';
import { storeApiDocument } from '@/lib/openapi/document';

/** The document as /api/openapi.json sends it, and its entity tag: both change only with Cocok's code. */
export const OPENAPI_JSON = JSON.stringify(storeApiDocument);

export const OPENAPI_ETAG = `"${createHash('sha256').update(OPENAPI_JSON).digest('base64url').slice(0, 27)}"`;

/** Public: shared caches may keep it for an hour and then ask again with its tag. */
export const OPENAPI_CACHE_CONTROL = 'public, max-age=3600';
