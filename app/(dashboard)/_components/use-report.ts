'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { fetchJson, reportQuery } from '@/app/(dashboard)/_components/fetch-json';
import type { ReportFilterValue } from '@/app/(dashboard)/_components/report-filters';
import { parseRange } from '@/lib/reports/range';

/**
 * The filters a person is editing, the last valid ones applied, and the report for those, fetched
 * from `endpoint` (the server-rendered `initial` report serves the filters the page was opened with).
 * Applied filters are mirrored in the address so a reload or a shared link shows the same report.
 */
export function useReport<T>(endpoint: string, initialFilters: ReportFilterValue, initial: T) {
  const [draft, setDraft] = useState(initialFilters);
  const [applied, setApplied] = useState(initialFilters);
  const [invalid, setInvalid] = useState(false);

  const change = (next: ReportFilterValue) => {
    setDraft(next);
    const parsed = parseRange(new URLSearchParams({ from: next.from, to: next.to, granularity: next.granularity }), next.to);
    setInvalid(!parsed.ok);
    if (!parsed.ok) return;
    setApplied(next);
    window.history.replaceState(null, '', `?${reportQuery({ ...next })}`);
  };

  const query = reportQuery({ ...applied });
  const isInitial = query === reportQuery({ ...initialFilters });
  const result = useQuery({
    queryKey: [endpoint, query],
    queryFn: ({ signal }) => fetchJson<T>(`${endpoint}?${query}`, signal),
    initialData: isInitial ? initial : undefined,
    placeholderData: keepPreviousData,
  });
  return { draft, applied, invalid, change, ...result };
}
