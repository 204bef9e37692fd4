'use client';

import { useInfiniteQuery, useIsMutating, useQueryClient } from '@tanstack/react-query';
import { useRef } from 'react';
import { fetchJson } from '@/app/(dashboard)/_components/fetch-json';
import type { QueueItem, QueuePage } from '@/lib/reconcile/work-queue';

const POLL_MS = 5_000;
/** The polled list, and the key every queue action runs under (so one pending action holds all buttons). */
export const QUEUE_KEY = ['unmatched-queue'] as const;

/**
 * The queue, polled for new transfers. Transfers acted on in this visit are kept listed in their
 * place (the server is told to return them), showing the result and an undo.
 */
export function useQueue(initialPage: QueuePage, query: string) {
  const keep = useRef<string[]>([]);
  const queryClient = useQueryClient();
  const list = useInfiniteQuery({
    queryKey: [...QUEUE_KEY, query],
    queryFn: ({ pageParam, signal }) => {
      const params = new URLSearchParams(query);
      if (pageParam) params.set('cursor', pageParam);
      if (keep.current.length > 0) params.set('keep', keep.current.join(','));
      return fetchJson<QueuePage>(`/api/dashboard/unmatched?${params}`, signal);
    },
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: { pages: [initialPage], pageParams: [null] },
    refetchInterval: POLL_MS,
  });
  const seen = new Set<string>();
  const items: QueueItem[] = (list.data?.pages ?? []).flatMap((page) => page.items).filter((item) => !seen.has(item.id) && seen.add(item.id));
  return {
    query: list,
    items,
    counts: list.data?.pages[0]?.counts ?? null,
    busy: useIsMutating({ mutationKey: QUEUE_KEY }) > 0,
    /** Keeps these transfers listed and refetches the queue; resolves once the list shows the change. */
    acted: (ids: string[]) => {
      keep.current = [...new Set([...keep.current, ...ids])];
      return queryClient.invalidateQueries({ queryKey: QUEUE_KEY });
    },
  };
}
