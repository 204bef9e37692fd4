import type { z } from 'zod';
import { DomainError, englishMessage, type ErrorKind } from '@/lib/errors';
import { BodyTooLargeError, readBodyWithin } from '@/lib/intake/delivery-call';
import { parseSearchParams } from '@/lib/search-params';
import { findUnstorableText } from '@/lib/text';

export const MAX_JSON_BODY_BYTES = 64 * 1024;

const STATUS: Record<ErrorKind, number> = {
  invalid: 422,
  not_found: 404,
  conflict: 409,
  unique_codes_exhausted: 409,
  forbidden: 403,
  upstream: 502,
};

/** `{ "error": { "code", "message" } }`: the one error shape of the store API. */
export function apiError(code: string, message: string, status: number, headers?: HeadersInit): Response {
  return Response.json({ error: { code, message } }, { status, headers });
}

export const UNAUTHORIZED_MESSAGE = 'send a valid API key as "Authorization: Bearer <key>"';

export function unauthorized(): Response {
  return apiError('unauthorized', UNAUTHORIZED_MESSAGE, 401, {
    'www-authenticate': 'Bearer',
  });
}

/** An expected failure answered with its own message; anything else is logged and answered generically. */
export function domainErrorResponse(error: unknown, context?: Record<string, unknown>): Response {
  if (error instanceof DomainError) return apiError(error.kind, error.message, STATUS[error.kind]);
  console.error('store API: unexpected error', { ...context, error });
  return apiError('internal', 'something went wrong on our side; try again later', 500);
}

/**
 * The request's body as a JSON object, or the response that refuses it. With `optional`, an empty
 * body reads as `{}`.
 */
export async function readJson(
  request: Request,
  options: { optional?: boolean; maxBytes?: number } = {},
): Promise<Record<string, unknown> | Response> {
  const maxBytes = options.maxBytes ?? MAX_JSON_BODY_BYTES;
  let bytes: Uint8Array;
  try {
    bytes = await readBodyWithin(request, maxBytes);
  } catch (error) {
    if (error instanceof BodyTooLargeError) {
      return apiError('too_large', `the body is larger than the limit of ${maxBytes} bytes`, 413);
    }
    throw error;
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    return apiError('malformed', 'the body is not valid UTF-8 text', 400);
  }
  if (text.trim() === '') {
    return options.optional ? {} : apiError('malformed', 'the body is empty; send a JSON object', 400);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    return apiError('malformed', `the body is not valid JSON: ${(error as Error).message}`, 400);
  }
  if (typeof json !== 'object' || json === null || Array.isArray(json)) {
    return apiError('malformed', 'the body must be a JSON object', 400);
  }
  const unstorable = findUnstorableText(json);
  if (unstorable !== null) return apiError('invalid', englishMessage('textUnstorable', { field: unstorable }), 422);
  return json as Record<string, unknown>;
}

/** A dashboard API's query parameters through their schema, or the 400 that says which one is wrong. */
export function readQuery<Schema extends z.ZodType<unknown, Record<string, string>>>(schema: Schema, request: Request): z.output<Schema> | Response {
  try {
    return parseSearchParams(schema, new URL(request.url).searchParams);
  } catch (error) {
    if (error instanceof DomainError) return apiError(error.kind, error.message, 400);
    throw error;
  }
}
