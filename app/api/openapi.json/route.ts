import { namesTag } from '@/lib/http/changes';
import { OPENAPI_CACHE_CONTROL, OPENAPI_ETAG, OPENAPI_JSON } from '@/lib/openapi/served';

export const dynamic = 'force-dynamic';

/** The store API's OpenAPI 3.1 document (lib/openapi/document.ts): public, cacheable, 304 while the caller's copy is current. */
export async function GET(request: Request): Promise<Response> {
  const headers = { 'cache-control': OPENAPI_CACHE_CONTROL, etag: OPENAPI_ETAG };
  if (namesTag(request.headers.get('if-none-match'), OPENAPI_ETAG)) return new Response(null, { status: 304, headers });
  return new Response(OPENAPI_JSON, { headers: { ...headers, 'content-type': 'application/json' } });
}
