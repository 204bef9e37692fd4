import type { ReactNode } from 'react';

/** Above a list or report: why what the URL asked for is not shown (a refused filter or range). */
export function Refusal({ children }: { children: ReactNode }) {
  return (
    <p role="alert" className="mb-4 rounded-md bg-red-50 px-3 py-2 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
      {children}
    </p>
  );
}
