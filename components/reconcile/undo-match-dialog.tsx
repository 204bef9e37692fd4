'use client';

import { useQuery } from '@tanstack/react-query';
import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, TextArea } from '@/components/ui/field';
import { useAction } from '@/components/use-action';
import { formatRupiah } from '@/lib/format';
import type { ActionResult } from '@/lib/next/action';
import type { UndoEffectRecord } from '@/lib/reconcile/undo-effects';

/** What `previewUndoAction` answers: per order what the undo changes, or that it takes off a "not an order". */
export type UndoPreviewJson = { kind: 'payments'; effects: UndoEffectRecord[] } | { kind: 'notAnOrder'; note: string | null } | { kind: 'nothing' };
export type PreviewUndo = (input: { mutationId: string }) => Promise<ActionResult<UndoPreviewJson>>;
export type UndoMatch = (input: { mutationId: string; reason: string }) => Promise<ActionResult<{ changed: boolean }>>;

/** Asks before undoing a transfer's match: what it changes per order (status, paid amount, the store), and why. */
export function UndoMatchDialog({
  mutationId,
  preview,
  busy,
  onCancel,
  onConfirm,
}: {
  mutationId: string;
  preview: PreviewUndo;
  busy: boolean;
  onCancel: () => void;
  onConfirm: (reason: string) => void;
}) {
  const t = useTranslations();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const effects = useQuery({
    queryKey: ['undo-preview', mutationId],
    queryFn: async () => {
      const result = await preview({ mutationId });
      if (!result.ok) throw new Error(result.message);
      return result.data;
    },
    staleTime: 0,
    gcTime: 0,
  });
  const status = (value: string) => t(`common.orderStatus.${value as UndoEffectRecord['statusAfter']}`);
  return (
    <ConfirmDialog
      open
      title={t('unmatched.undoTitle')}
      confirmLabel={t('unmatched.undo')}
      cancelLabel={t('common.cancel')}
      busy={busy || !effects.isSuccess}
      onCancel={onCancel}
      onConfirm={() => {
        if (!reason.trim()) return setError(t('unmatched.reasonRequired'));
        onConfirm(reason.trim());
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-300">{t('unmatched.undoBody')}</p>
      <section aria-label={t('unmatched.undoEffects')} aria-live="polite" className="text-sm">
        {effects.isPending && <p className="text-slate-600 dark:text-slate-300">{t('unmatched.undoChecking')}</p>}
        {effects.isError && (
          <p role="alert" className="text-red-700 dark:text-red-400">
            {effects.error.message}
          </p>
        )}
        {effects.data?.kind === 'notAnOrder' && <p>{t('unmatched.undoNotAnOrder')}</p>}
        {effects.data?.kind === 'nothing' && <p>{t('unmatched.undoNothing')}</p>}
        {effects.data?.kind === 'payments' && (
          <ul className="flex flex-col gap-2 rounded-md border border-slate-200 p-3 dark:border-slate-700">
            {effects.data.effects.map((effect) => (
              <li key={effect.reference} data-testid="undo-effect">
                <p>
                  {t('unmatched.undoEffect', {
                    reference: effect.reference,
                    before: status(effect.statusBefore),
                    after: status(effect.statusAfter),
                    paidBefore: formatRupiah(BigInt(effect.paidBefore)),
                    paidAfter: formatRupiah(BigInt(effect.paidAfter)),
                  })}
                </p>
                {effect.acceptedDifference !== null && (
                  <p>
                    {BigInt(effect.acceptedDifference) < 0n
                      ? t('unmatched.undoAcceptedShort', { amount: formatRupiah(-BigInt(effect.acceptedDifference)) })
                      : t('unmatched.undoAcceptedOver', { amount: formatRupiah(BigInt(effect.acceptedDifference)) })}
                  </p>
                )}
                <p className="text-slate-600 dark:text-slate-300">
                  {effect.storeTold ? t('unmatched.undoStoreTold') : t('unmatched.undoStoreNotTold')}
                </p>
              </li>
            ))}
          </ul>
        )}
      </section>
      <Field label={t('unmatched.undoReason')} htmlFor={`${id}-reason`} error={error}>
        <TextArea
          id={`${id}-reason`}
          rows={3}
          maxLength={500}
          value={reason}
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-reason-error` : undefined}
          onChange={(event) => {
            setReason(event.target.value);
            setError(null);
          }}
        />
      </Field>
    </ConfirmDialog>
  );
}

/** "Undo match" on a page about one transfer or order: asks with the preview, then undoes and reloads the page. */
export function UndoMatchButton({ mutationId, label, preview, undo }: { mutationId: string; label?: string; preview: PreviewUndo; undo: UndoMatch }) {
  const t = useTranslations();
  const [open, setOpen] = useState(false);
  const action = useAction(undo, { refresh: true, success: () => t('unmatched.undoDone') });
  return (
    <>
      <Button size="sm" variant="danger" onClick={() => setOpen(true)}>
        {label ?? t('unmatched.undo')}
      </Button>
      {open && (
        <UndoMatchDialog
          mutationId={mutationId}
          preview={preview}
          busy={action.pending}
          onCancel={() => setOpen(false)}
          onConfirm={(reason) => action.run({ mutationId, reason }, { onSuccess: () => setOpen(false) })}
        />
      )}
    </>
  );
}
