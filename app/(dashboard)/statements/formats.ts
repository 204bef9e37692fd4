import type { DateFormat, StatementFormat } from '@/lib/statements/types';

/** The formats a person can choose instead of the detected one ('mapped' comes from the column screen). */
export const STATEMENT_FORMATS = ['klikbca', 'klikbca-bisnis', 'mandiri-mcm', 'bri', 'bni'] as const satisfies readonly Exclude<
  StatementFormat,
  'mapped'
>[];

export const STATEMENT_DATE_FORMATS = ['DD/MM/YYYY', 'DD/MM/YY', 'YYYY-MM-DD', 'DD-MM-YYYY', 'MM/DD/YYYY'] as const satisfies readonly DateFormat[];

// Fails to compile when a format or date format is added to lib/statements without being listed here.
type Missing<All, Listed> = Exclude<All, Listed> extends never ? true : never;
const everyFormat: Missing<Exclude<StatementFormat, 'mapped'>, (typeof STATEMENT_FORMATS)[number]> = true;
const everyDateFormat: Missing<DateFormat, (typeof STATEMENT_DATE_FORMATS)[number]> = true;
void everyFormat;
void everyDateFormat;
