import type { ResultCount } from '@/lib/pagination';

/** "1.234 hasil" above a list, or "Lebih dari 10.000 hasil" past the count's cap. */
export function ResultCountLine({
  count,
  t,
}: {
  count: ResultCount;
  t: (key: 'common.resultCount' | 'common.resultCountMore', values: { count: number }) => string;
}) {
  return (
    <p className="mb-2 text-sm text-slate-600 tabular-nums dark:text-slate-300" data-testid="result-count">
      {t(count.more ? 'common.resultCountMore' : 'common.resultCount', { count: count.count })}
    </p>
  );
}
