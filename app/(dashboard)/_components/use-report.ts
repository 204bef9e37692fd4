'use client';

import { keepPreviousData, useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslations } from 'next-intl';
import { usePeriodName } from '@/app/(dashboard)/_components/use-period-name';
import { fetchJson, reportQuery } from '@/app/(dashboard)/_components/fetch-json';
import type { ReportFilterValue } from '@/app/(dashboard)/_components/report-filters';
import { MAX_RANGE_DAYS, parseRange, type rangeOrDefault, type RangeProblem } from '@/lib/reports/range';

/** What a page was asked for and could not show, and why. */
export type RefusedRange = ReturnType<typeof rangeOrDefault>['refused'];

/**
 * The filters a person is editing, the last valid ones applied, and the report for those, fetched
 * from `endpoint` (the server-rendered `initial` report serves the filters the page was opened with).
 * Applied filters are mirrored in the address so a reload or a shared link shows the same report.
 */
export function useReport<T>(endpoint: string, initialFilters: ReportFilterValue, initial: T, refused: RefusedRange = null) {
  const [draft, setDraft] = useState<ReportFilterValue>(refused ? { ...initialFilters, from: refused.from, to: refused.to } : initialFilters);
  const [applied, setApplied] = useState(initialFilters);
  const [problem, setProblem] = useState<RangeProblem | null>(refused?.problem ?? null);

  const change = (next: ReportFilterValue) => {
    setDraft(next);
    const parsed = parseRange(new URLSearchParams({ from: next.from, to: next.to, granularity: next.granularity }), next.to);
    setProblem(parsed.ok ? null : parsed.problem);
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
  const t = useTranslations('cashFlow.rangeProblem');
  const dayName = usePeriodName('day', { markToday: false });
  const problemText =
    problem === null ? null : t(problem, problem === 'backwards' ? { from: dayName(draft.from), to: dayName(draft.to) } : { max: MAX_RANGE_DAYS });
  return { draft, applied, problemText, change, ...result };
}
