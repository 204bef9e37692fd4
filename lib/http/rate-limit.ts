/**
 * A fixed-window limit per key (a caller's address), kept in this process: each web server counts
 * its own callers, so N servers allow up to N times the limit. Enough to stop one address hammering
 * a public page; the database is not asked, so the limit costs nothing when nobody hammers.
 */
export function createRateLimit({ limit, windowMs, now = Date.now }: { limit: number; windowMs: number; now?: () => number }) {
  const windows = new Map<string, { count: number; endsAt: number }>();
  return (key: string): { allowed: true } | { allowed: false; retryAfterSeconds: number } => {
    const at = now();
    if (windows.size > 10_000) for (const [name, window] of windows) if (window.endsAt <= at) windows.delete(name);
    const window = windows.get(key);
    if (!window || window.endsAt <= at) {
      windows.set(key, { count: 1, endsAt: at + windowMs });
      return { allowed: true };
    }
    window.count++;
    return window.count <= limit ? { allowed: true } : { allowed: false, retryAfterSeconds: Math.ceil((window.endsAt - at) / 1000) };
  };
}
