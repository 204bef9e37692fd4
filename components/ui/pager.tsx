import Link from 'next/link';
import { Button } from '@/components/ui/button';

const linkClass =
  'rounded-md border border-slate-300 bg-white px-3 py-1.5 text-sm font-medium text-slate-800 hover:bg-slate-50 dark:border-slate-600 dark:bg-slate-800 dark:text-slate-100';

/**
 * The keyset pager of a server-rendered list: "next page" after the last row, and a way back to
 * the first page once paging. `query` holds the list's filters; the cursor is added to it.
 */
export function Pager({
  path,
  query,
  cursor,
  nextCursor,
  label,
  nextLabel,
  firstLabel,
}: {
  path: string;
  query: URLSearchParams;
  cursor: string | null;
  nextCursor: string | null;
  label: string;
  nextLabel: string;
  firstLabel: string;
}) {
  if (!nextCursor && !cursor) return null;
  const withCursor = (next: string) => {
    const copy = new URLSearchParams(query);
    copy.set('cursor', next);
    return `${path}?${copy}`;
  };
  return (
    <nav aria-label={label} className="mt-4 flex flex-wrap justify-between gap-2">
      {cursor ? (
        <Link href={`${path}?${query}`} className={linkClass}>
          {firstLabel}
        </Link>
      ) : (
        <span />
      )}
      {nextCursor && (
        <Link href={withCursor(nextCursor)} className={linkClass} rel="next">
          {nextLabel}
        </Link>
      )}
    </nav>
  );
}

/** What `LoadMore` needs of an infinite query (TanStack Query's `useInfiniteQuery` result). */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** "Load more" under a list that the browser pages through itself (an infinite query); nothing once every page is shown. */
export function LoadMore({ query, label, loadingLabel, className }: { query: PagedQuery; label: string; loadingLabel: string; className?: string }) {
  if (!query.hasNextPage) return null;
  return (
    <div className={className}>
      <Button variant="secondary" onClick={() => void query.fetchNextPage()} disabled={query.isFetchingNextPage}>
        {query.isFetchingNextPage ? loadingLabel : label}
      </Button>
    </div>
  );
}
