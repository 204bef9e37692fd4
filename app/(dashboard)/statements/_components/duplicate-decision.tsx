'use client';

import { useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { decideDuplicateAction } from '@/app/(dashboard)/statements/actions';
import { Button } from '@/components/ui/button';
import { TextLink } from '@/components/ui/text-link';
import { useAction } from '@/components/use-action';
import { formatDate, formatRupiah } from '@/lib/format';
import type { DuplicateMutation, StatementDuplicateRow } from '@/lib/queries/statements';

const signed = (row: { type: 'CR' | 'DB'; amount: string }) => `${row.type === 'DB' ? '−' : ''}${formatRupiah(BigInt(row.amount))}`;

function Transfer({ row, locale }: { row: Pick<DuplicateMutation, 'occurredAt' | 'type' | 'amount' | 'description'>; locale: 'id' | 'en' }) {
  return (
    <div className="min-w-0 text-sm">
      <p className="flex flex-wrap gap-x-3 font-medium text-slate-900 dark:text-slate-50">
        <span>{formatDate(new Date(row.occurredAt), locale)}</span>
        <span className="tabular-nums">{signed(row)}</span>
      </p>
      <p className="mt-1 break-words text-slate-700 dark:text-slate-300">{row.description}</p>
    </div>
  );
}

/** A statement row beside the mutation(s) it may be, with the person's two answers. */
export function DuplicateDecision({ duplicate, importId, canDecide }: { duplicate: StatementDuplicateRow; importId: string; canDecide: boolean }) {
  const t = useTranslations();
  const locale = useLocale() as 'id' | 'en';
  const [chosen, setChosen] = useState(duplicate.candidates.length === 1 ? duplicate.candidates[0]!.id : '');
  const decide = useAction(decideDuplicateAction, {
    refresh: true,
    success: ({ decision }) => (decision === 'same' ? t('statements.detail.sameDone') : t('statements.detail.differentDone')),
  });
  const pending = duplicate.decision === 'pending';
  const several = duplicate.candidates.length > 1;

  return (
    <li
      className="rounded-lg border border-slate-200 bg-white p-4 dark:border-slate-700 dark:bg-slate-900"
      data-testid="statement-duplicate"
      data-decision={duplicate.decision}
    >
      <div className="grid grid-cols-1 gap-4 md:grid-cols-2">
        <div>
          <h3 className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {t('statements.detail.statementRow', { line: duplicate.line })}
          </h3>
          <Transfer row={duplicate} locale={locale} />
        </div>
        <fieldset className="min-w-0" disabled={!pending || !canDecide || decide.pending}>
          <legend className="mb-2 text-xs font-semibold uppercase tracking-wide text-slate-500 dark:text-slate-400">
            {several ? t('statements.detail.chooseCandidate') : t('statements.detail.candidates', { count: duplicate.candidates.length })}
          </legend>
          <ul className="flex flex-col gap-3">
            {duplicate.candidates.map((candidate) => (
              <li key={candidate.id} className="flex items-start gap-2" data-testid="duplicate-candidate">
                {several && pending && (
                  <input
                    type="radio"
                    className="mt-1"
                    name={`candidate-${duplicate.id}`}
                    value={candidate.id}
                    checked={chosen === candidate.id}
                    onChange={() => setChosen(candidate.id)}
                    aria-label={`${formatDate(new Date(candidate.occurredAt), locale)} ${signed(candidate)} ${candidate.description}`}
                  />
                )}
                <div className="min-w-0">
                  <Transfer row={candidate} locale={locale} />
                  <TextLink href={`/mutations/${candidate.id}`} className="text-sm">
                    {t('statements.detail.openMutation')}
                  </TextLink>
                </div>
              </li>
            ))}
          </ul>
        </fieldset>
      </div>
      <div className="mt-4 flex flex-wrap items-center gap-3">
        {pending ? (
          canDecide && (
            <>
              <Button disabled={decide.pending || chosen === ''} onClick={() => decide.run({ duplicateId: duplicate.id, importId, same: chosen })}>
                {t('statements.detail.same')}
              </Button>
              <Button variant="secondary" disabled={decide.pending} onClick={() => decide.run({ duplicateId: duplicate.id, importId, same: null })}>
                {t('statements.detail.different')}
              </Button>
            </>
          )
        ) : (
          <p role="status" className="text-sm text-slate-700 dark:text-slate-300">
            {duplicate.decision === 'same'
              ? t('statements.detail.decidedSame', { by: duplicate.decidedBy ?? '—' })
              : t('statements.detail.decidedDifferent', { by: duplicate.decidedBy ?? '—' })}
            {duplicate.mutationId && (
              <>
                {' '}
                <TextLink href={`/mutations/${duplicate.mutationId}`}>{t('statements.detail.openMutation')}</TextLink>
              </>
            )}
          </p>
        )}
      </div>
    </li>
  );
}
