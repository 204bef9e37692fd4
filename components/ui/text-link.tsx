import Link from 'next/link';
import type { ComponentProps } from 'react';

export const textLinkClass = 'text-emerald-800 underline hover:text-emerald-900 dark:text-emerald-300';

/** A link in running text or a table cell. */
export function TextLink({ className = '', ...props }: ComponentProps<typeof Link>) {
  return <Link className={`${textLinkClass} ${className}`} {...props} />;
}
