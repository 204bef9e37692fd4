/** Statement rows with what was wrong with each (or why each was left out), already in words. */
export function ProblemList({
  title,
  note,
  items,
  tone,
  testId,
}: {
  title: string;
  note?: string;
  items: { line: number; text: string }[];
  tone: 'red' | 'slate';
  testId?: string;
}) {
  const box =
    tone === 'red'
      ? 'border-red-300 bg-red-50 text-red-900 dark:border-red-800 dark:bg-red-950/40 dark:text-red-100'
      : 'border-slate-200 bg-slate-50 text-slate-800 dark:border-slate-700 dark:bg-slate-800/50 dark:text-slate-200';
  return (
    <section className={`rounded-md border p-3 text-sm ${box}`} data-testid={testId} aria-label={title}>
      <h3 className="font-semibold">{title}</h3>
      {note && <p className="mt-1 text-xs">{note}</p>}
      <ul className="mt-2 list-disc space-y-1 pl-5">
        {items.map((item) => (
          <li key={`${item.line}-${item.text}`} className="break-words">
            {item.text}
          </li>
        ))}
      </ul>
    </section>
  );
}
