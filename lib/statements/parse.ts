import { DomainError } from '@/lib/errors';
import * as bni from '@/lib/statements/formats/bni';
import * as bri from '@/lib/statements/formats/bri';
import * as klikbca from '@/lib/statements/formats/klikbca';
import * as klikbcaBisnis from '@/lib/statements/formats/klikbca-bisnis';
import * as mandiriMcm from '@/lib/statements/formats/mandiri-mcm';
import * as mapped from '@/lib/statements/formats/mapped';
import { readTable, SAMPLE_LINES, type TableLine } from '@/lib/statements/table';
import type { ColumnMapping, ParsedStatement, ParseOptions, StatementFormat } from '@/lib/statements/types';

export type { ColumnMapping, ParsedStatement, StatementFormat, StatementProblem, StatementRow } from '@/lib/statements/types';

type BankFormat = Exclude<StatementFormat, 'mapped'>;

interface FormatModule {
  detect(lines: readonly TableLine[]): boolean;
  parse(lines: readonly TableLine[], options: ParseOptions): ParsedStatement;
}

// In the order they are tried: KlikBCA personal before Bisnis, whose table it shares.
const FORMATS: [BankFormat, FormatModule][] = [
  ['klikbca', klikbca],
  ['klikbca-bisnis', klikbcaBisnis],
  ['mandiri-mcm', mandiriMcm],
  ['bri', bri],
  ['bni', bni],
];

function detectIn(lines: readonly TableLine[]): BankFormat | null {
  return FORMATS.find(([, module]) => module.detect(lines))?.[0] ?? null;
}

/** The bank format a statement file is in, or null when only a column mapping can read it. */
export function detectStatementFormat(text: string): BankFormat | null {
  return detectIn(readTable(text));
}

/** The first lines of a file split into cells, for the column-mapping screen. */
export function previewColumns(text: string, lines = SAMPLE_LINES): { line: number; cells: string[] }[] {
  return readTable(text)
    .slice(0, lines)
    .map(({ line, cells }) => ({ line, cells }));
}

/**
 * A statement file read into transactions: the format is detected unless given; `mapping`
 * reads a file no format knows (and is required then). Throws a DomainError when the file as a
 * whole cannot be read; each line that cannot be read is a problem of its own.
 */
export function parseStatement(text: string, options: { format?: StatementFormat; mapping?: ColumnMapping; year?: number } = {}): ParsedStatement {
  const lines = readTable(text);
  const format = options.format ?? (options.mapping ? 'mapped' : detectIn(lines));
  if (format === 'mapped') {
    if (!options.mapping) throw new DomainError('invalid', 'statementFormatUnknown');
    return mapped.parse(lines, options.mapping, options);
  }
  if (format === null) throw new DomainError('invalid', 'statementFormatUnknown');
  return FORMATS.find(([name]) => name === format)![1].parse(lines, options);
}
