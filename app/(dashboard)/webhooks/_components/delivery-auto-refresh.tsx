'use client';

import { useRouter } from 'next/navigation';
import { useEffect } from 'react';

/** While mutations of the call still wait for the worker, the page re-renders every few seconds. */
export function DeliveryAutoRefresh({ everyMs = 3_000 }: { everyMs?: number }) {
  const router = useRouter();
  useEffect(() => {
    const timer = setInterval(() => router.refresh(), everyMs);
    return () => clearInterval(timer);
  }, [router, everyMs]);
  return null;
}
