export interface WakeSpans {
  /** The span after a wake-up while notices come one at a time. */
  minMs: number;
  /** The longest span, reached while notices keep coming several to a span. */
  maxMs: number;
}

interface KeyState {
  at: number;
  spanMs: number;
  gathered: number;
  timer?: ReturnType<typeof setTimeout>;
}

/**
 * Coalesces wake-ups per key (a queue): the first notice wakes at once, and later ones within the
 * span after the last wake-up are gathered into one more wake-up when that span is over. A span
 * that gathered several notices doubles the next one, up to `maxMs`; one that gathered at most one
 * is back to `minMs`. So a lone delivery is processed at once, while a flood of them is taken in
 * few large batches, leaving the CPU to the webhook that has to answer them.
 */
export function wakeThrottle(spans: WakeSpans, wake: (key: string) => void, now: () => number = () => performance.now()) {
  const states = new Map<string, KeyState>();
  const wakeNow = (key: string, spanMs: number) => {
    states.set(key, { at: now(), spanMs, gathered: 0 });
    wake(key);
  };
  const spanEnded = (key: string) => {
    const state = states.get(key)!;
    wakeNow(key, state.gathered > 1 ? Math.min(spans.maxMs, state.spanMs * 2) : spans.minMs);
  };
  return {
    notice(key: string) {
      const state = states.get(key);
      if (!state || (!state.timer && now() >= state.at + state.spanMs)) return wakeNow(key, spans.minMs);
      state.gathered += 1;
      state.timer ??= setTimeout(() => spanEnded(key), Math.max(0, state.at + state.spanMs - now()));
    },
    stop() {
      for (const { timer } of states.values()) clearTimeout(timer);
      states.clear();
    },
  };
}
