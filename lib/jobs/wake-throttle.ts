/**
 * Coalesces wake-ups per key (a queue): the first notice wakes at once, and later ones within
 * `everyMs` of the last wake-up are gathered into one more wake-up when that span is over. Under
 * load every delivery sends a notice; this way a wake-up finds the jobs of a span together and
 * takes them as one batch, while an idle queue still wakes at once.
 */
export function wakeThrottle(everyMs: number, wake: (key: string) => void, now: () => number = () => performance.now()) {
  const last = new Map<string, { at: number; timer?: ReturnType<typeof setTimeout> }>();
  const wakeNow = (key: string) => {
    last.set(key, { at: now() });
    wake(key);
  };
  return {
    notice(key: string) {
      const previous = last.get(key);
      if (previous?.timer) return;
      const wait = previous ? previous.at + everyMs - now() : 0;
      if (wait <= 0) return wakeNow(key);
      last.set(key, { at: previous!.at, timer: setTimeout(() => wakeNow(key), wait) });
    },
    stop() {
      for (const { timer } of last.values()) clearTimeout(timer);
      last.clear();
    },
  };
}
