'use client';

import { useQuery } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useEffect } from 'react';
import { fetchJson } from '@/app/(dashboard)/_components/fetch-json';

export const LIVE_POLL_MS = 3_000;

/**
 * Keeps a server-rendered page current: asks /api/dashboard/changes every few seconds while the
 * tab is visible (a 304 while nothing changed) and re-renders the page only when the version it
 * was rendered at (`version`, from liveVersion) is no longer the current one. router.refresh()
 * keeps client state, so an open dialog and what is typed in it stay.
 */
export function LiveRefresh({ version }: { version: string }) {
  const router = useRouter();
  // Keyed by the rendered version: each render polls from its own version, and a poll answered
  // before a refresh finished cannot ask for another once the page shows a newer one.
  const { data } = useQuery({
    queryKey: ['live-version', version],
    queryFn: ({ signal }) => fetchJson<{ version: string }>('/api/dashboard/changes', signal),
    initialData: { version },
    refetchInterval: LIVE_POLL_MS,
    staleTime: 0,
    gcTime: 0,
  });
  const current = data.version;
  useEffect(() => {
    if (current !== version) router.refresh();
  }, [current, version, router]);
  return null;
}
