import { detectLayout, parseLayout, type Layout } from '@/lib/statements/layout';
import { isKlikBcaHeader, klikBcaColumns } from '@/lib/statements/formats/klikbca-columns';
import type { TableLine } from '@/lib/statements/table';
import type { ParsedStatement, ParseOptions } from '@/lib/statements/types';

/**
 * KlikBCA Bisnis: the same table as personal with five columns, full dates, and CR/DB inside
 * the amount ("287,490.00 DB"). Checked after the personal export, which it otherwise matches.
 */
export const klikBcaBisnisLayout: Layout = { format: 'klikbca-bisnis', isHeader: isKlikBcaHeader, columns: klikBcaColumns };

export function detect(lines: readonly TableLine[]): boolean {
  return detectLayout(lines, klikBcaBisnisLayout);
}

export function parse(lines: readonly TableLine[], options: ParseOptions): ParsedStatement {
  return parseLayout(lines, klikBcaBisnisLayout, options);
}
