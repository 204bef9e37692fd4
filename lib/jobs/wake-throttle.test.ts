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
  const throttle = wakeThrottle(20, (key) => woken.push([key, Date.now()]), () => Date.now());
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
    expect(woken).toEqual([['q', start], ['q', start + 100]]);
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
    expect(woken).toEqual([['q', start], ['q', start + 20]]);
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

  test('stop cancels a pending wake-up', () => {
    const { woken, throttle } = setUp();
    throttle.notice('q');
    throttle.notice('q');
    throttle.stop();
    vi.advanceTimersByTime(100);
    expect(woken).toHaveLength(1);
  });
});
