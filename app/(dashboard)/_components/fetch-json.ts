/**
 * GETs an internal dashboard route; a failed answer throws with its message. `no-cache`: an answer
 * with an ETag (the polled overview and queue) is kept and asked for again with its tag, and a 304
 * resolves to the kept answer; answers marked `no-store` are never kept.
 */
export async function fetchJson<T>(url: string, signal?: AbortSignal): Promise<T> {
  const response = await fetch(url, { signal, headers: { accept: 'application/json' }, cache: 'no-cache' });
  if (!response.ok) {
    const body = (await response.json().catch(() => null)) as { error?: { message?: string } } | null;
    throw new Error(body?.error?.message ?? `request failed with HTTP ${response.status}`);
  }
  return (await response.json()) as T;
}

/** The query string of a report's filters, leaving out empty values. */
export function reportQuery(filters: Record<string, string | undefined>): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filters)) if (value) params.set(key, value);
  return params.toString();
}
