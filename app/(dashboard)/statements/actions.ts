'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { DomainError } from '@/lib/errors';
import { defineAction } from '@/lib/next/action';
import { decideDuplicate, previewStatement, queueStatementImport, type StatementPreview } from '@/lib/statements/import';
import { previewColumns } from '@/lib/statements/parse';
import { STATEMENT_DATE_FORMATS, STATEMENT_FORMATS } from '@/app/(dashboard)/statements/formats';

const column = z.number().int().min(0).max(500);

const uploadSchema = z.object({
  accountId: z.uuid(),
  fileName: z.string().trim().min(1).max(255),
  // The size is checked where the file is read, with a message that says how large it may be.
  content: z.string(),
  format: z.enum(STATEMENT_FORMATS).optional(),
  mapping: z
    .object({
      date: column,
      description: z.array(column).min(1).max(5),
      amount: column.optional(),
      credit: column.optional(),
      debit: column.optional(),
      type: column.optional(),
      balance: column.optional(),
      dateFormat: z.enum(STATEMENT_DATE_FORMATS),
      headerRows: z.number().int().min(0).max(1000),
    })
    .optional(),
  year: z.number().int().min(2000).max(2100).optional(),
});

/** The preview, or, for a file no format knows, its first lines to choose the columns from. */
export type PreviewStatementResult = { kind: 'preview'; preview: StatementPreview } | { kind: 'mapping'; lines: { line: number; cells: string[] }[] };

export const previewStatementAction = defineAction(
  { name: 'previewStatement', permission: 'reconcile', schema: uploadSchema },
  async (upload): Promise<PreviewStatementResult> => {
    try {
      return { kind: 'preview', preview: await previewStatement(upload) };
    } catch (error) {
      if (error instanceof DomainError && error.code === 'statementFormatUnknown' && !upload.mapping) {
        return { kind: 'mapping', lines: previewColumns(upload.content) };
      }
      throw error;
    }
  },
);

export const importStatementAction = defineAction(
  { name: 'importStatement', permission: 'reconcile', schema: uploadSchema },
  async (upload, user) => {
    const importId = await queueStatementImport(upload, user.email);
    revalidatePath('/statements');
    return { importId };
  },
);

export const decideDuplicateAction = defineAction(
  {
    name: 'decideStatementDuplicate',
    permission: 'reconcile',
    schema: z.object({ duplicateId: z.uuid(), importId: z.uuid(), same: z.uuid().nullable() }),
  },
  async ({ duplicateId, importId, same }, user) => {
    await decideDuplicate(duplicateId, same === null ? 'different' : { same }, user.email);
    revalidatePath(`/statements/${importId}`);
    revalidatePath('/statements');
    return { decision: same === null ? ('different' as const) : ('same' as const) };
  },
);
