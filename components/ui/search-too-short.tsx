import { MIN_TEXT_SEARCH } from '@/lib/search-params';

/** Under a search box whose text is too short to search for: says so instead of listing everything silently. */
export function SearchTooShort({ t }: { t: (key: 'common.searchTooShort', values: { min: number }) => string }) {
  return (
    <p className="mb-2 text-sm text-amber-800 dark:text-amber-300" data-testid="search-too-short">
      {t('common.searchTooShort', { min: MIN_TEXT_SEARCH })}
    </p>
  );
}
