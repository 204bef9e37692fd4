export default function Loading() {
  return (
    <div aria-busy="true" aria-live="polite" className="animate-pulse space-y-4">
      <div className="h-8 w-48 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-32 rounded bg-slate-200 dark:bg-slate-800" />
      <div className="h-64 rounded bg-slate-200 dark:bg-slate-800" />
    </div>
  );
}
