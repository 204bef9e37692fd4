import { afterEach, beforeEach, describe, expect, test, vi } from 'vitest';
import { wakeThrottle } from '@/lib/jobs/wake-throttle';

beforeEach(() => {
  vi.useFakeTimers();
});

afterEach(() => {
  vi.useRealTimers();
});

const setUp = () => {
  const woken: [string, number][] = [];
  const throttle = wakeThrottle(
    { minMs: 20, maxMs: 80 },
    (key) => woken.push([key, Date.now()]),
    () => Date.now(),
  );
  return { woken, throttle };
};

describe('wakeThrottle', () => {
  test('an idle queue wakes at once', () => {
    const { woken, throttle } = setUp();
    const start = Date.now();
    throttle.notice('q');
    expect(woken).toEqual([['q', start]]);
    vi.advanceTimersByTime(100);
    throttle.notice('q');
    expect(woken).toEqual([
      ['q', start],
      ['q', start + 100],
    ]);
  });

  test('notices within the span after a wake-up become one wake-up at its end', () => {
    const { woken, throttle } = setUp();
    const start = Date.now();
    throttle.notice('q');
    vi.advanceTimersByTime(5);
    throttle.notice('q');
    vi.advanceTimersByTime(5);
    throttle.notice('q');
    throttle.notice('q');
    expect(woken).toHaveLength(1);
    vi.advanceTimersByTime(10);
    expect(woken).toEqual([
      ['q', start],
      ['q', start + 20],
    ]);
    vi.advanceTimersByTime(100);
    expect(woken).toHaveLength(2);
  });

  test('queues are throttled each on its own', () => {
    const { woken, throttle } = setUp();
    throttle.notice('a');
    throttle.notice('b');
    throttle.notice('a');
    expect(woken.map(([key]) => key)).toEqual(['a', 'b']);
    vi.advanceTimersByTime(20);
    expect(woken.map(([key]) => key)).toEqual(['a', 'b', 'a']);
  });

  test('while notices keep coming several to a span, each span doubles, up to the longest', () => {
    const { woken, throttle } = setUp();
    const start = Date.now();
    // Two notices every 5 ms: a steady flood.
    const flood = setInterval(() => {
      throttle.notice('q');
      throttle.notice('q');
    }, 5);
    throttle.notice('q');
    vi.advanceTimersByTime(400);
    clearInterval(flood);
    expect(woken.map(([, at]) => at - start)).toEqual([0, 20, 60, 140, 220, 300, 380]);
  });

  test('a span that gathers at most one notice brings the next span back to the shortest', () => {
    const { woken, throttle } = setUp();
    const start = Date.now();
    throttle.notice('q');
    throttle.notice('q');
    throttle.notice('q');
    vi.advanceTimersByTime(20); // woken at 20, the next span 40 ms long
    throttle.notice('q');
    vi.advanceTimersByTime(40); // woken at 60 with one notice gathered: the next span is 20 ms again
    throttle.notice('q');
    vi.advanceTimersByTime(20);
    expect(woken.map(([, at]) => at - start)).toEqual([0, 20, 60, 80]);
    vi.advanceTimersByTime(100); // a quiet span: the next notice wakes at once
    throttle.notice('q');
    expect(woken.map(([, at]) => at - start)).toEqual([0, 20, 60, 80, 180]);
  });

  test('stop cancels a pending wake-up', () => {
    const { woken, throttle } = setUp();
    throttle.notice('q');
    throttle.notice('q');
    throttle.stop();
    vi.advanceTimersByTime(100);
    expect(woken).toHaveLength(1);
  });
});
