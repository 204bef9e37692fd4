import { DomainError } from '@/lib/errors';
import { yearWithin } from '@/lib/statements/dates';
import { readRows } from '@/lib/statements/rows';
import { readLabels, type TableLine } from '@/lib/statements/table';
import type { ColumnMapping, ParsedStatement, ParseOptions } from '@/lib/statements/types';

/** A file no format knows, read through the columns a person chose on the mapping screen. */
export function parse(lines: readonly TableLine[], mapping: ColumnMapping, options: ParseOptions): ParsedStatement {
  const width = lines.reduce((widest, line) => Math.max(widest, line.cells.length), 0);
  const descriptions = Array.isArray(mapping.description) ? mapping.description : [mapping.description];
  const chosen: [string, number | undefined][] = [
    ['date', mapping.date],
    ...descriptions.map((index): [string, number] => ['description', index]),
    ['amount', mapping.amount],
    ['credit', mapping.credit],
    ['debit', mapping.debit],
    ['type', mapping.type],
    ['balance', mapping.balance],
  ];
  for (const [name, index] of chosen) {
    if (index !== undefined && (!Number.isInteger(index) || index < 0 || index >= width)) {
      throw new DomainError('invalid', 'statementMappingColumn', { column: name, index: String(index), columns: width });
    }
  }
  const split = mapping.credit !== undefined || mapping.debit !== undefined;
  if (split === (mapping.amount !== undefined)) throw new DomainError('invalid', 'statementMappingAmount');

  const headerRows = Math.max(0, Math.trunc(mapping.headerRows));
  const labels = readLabels(lines.slice(0, headerRows));
  const reading = readRows(
    lines.slice(headerRows),
    {
      date: mapping.date,
      description: descriptions,
      amount: mapping.amount,
      type: mapping.type,
      credit: mapping.credit,
      debit: mapping.debit,
      balance: mapping.balance,
      signed: mapping.type === undefined,
    },
    mapping.dateFormat,
    yearWithin(labels.period, options.year ?? null),
  );
  return { format: 'mapped', ...labels, ...reading };
}
