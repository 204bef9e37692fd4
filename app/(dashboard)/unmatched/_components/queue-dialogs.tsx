'use client';

import { useId, useState } from 'react';
import { useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input, TextArea } from '@/components/ui/field';
import { formatRupiah } from '@/lib/format';
import { parseTypedAmount } from '@/lib/money';
import { checkSplit } from '@/lib/reconcile/work-queue-rules';
import type { OrderHit, QueueItem } from '@/lib/reconcile/work-queue';
import { OrderSearch } from './order-search';
import { rupiah } from './queue-item';

interface DialogProps {
  busy: boolean;
  onCancel: () => void;
}

/** A required free-text answer (a note or a reason) before a destructive action. */
export function TextDialog({
  title,
  body,
  label,
  requiredMessage,
  confirmLabel,
  tone = 'danger',
  busy,
  onCancel,
  onConfirm,
}: DialogProps & {
  title: string;
  body: string;
  label: string;
  requiredMessage: string;
  confirmLabel: string;
  tone?: 'danger' | 'primary';
  onConfirm: (text: string) => void;
}) {
  const t = useTranslations();
  const id = useId();
  const [text, setText] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      open
      title={title}
      confirmLabel={confirmLabel}
      cancelLabel={t('common.cancel')}
      tone={tone}
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => {
        if (!text.trim()) return setError(requiredMessage);
        onConfirm(text.trim());
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-300">{body}</p>
      <Field label={label} htmlFor={`${id}-text`} error={error}>
        <TextArea
          id={`${id}-text`}
          rows={3}
          maxLength={500}
          value={text}
          aria-required="true"
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? `${id}-text-error` : undefined}
          onChange={(event) => {
            setText(event.target.value);
            setError(null);
          }}
        />
      </Field>
    </ConfirmDialog>
  );
}

/** Find any open order and pay it with the whole transfer. */
export function SearchMatchDialog({ item, busy, onCancel, onConfirm }: DialogProps & { item: QueueItem; onConfirm: (order: OrderHit) => void }) {
  const t = useTranslations();
  const [picked, setPicked] = useState<OrderHit | null>(null);
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      open
      title={t('unmatched.searchTitle')}
      confirmLabel={t('unmatched.confirm')}
      cancelLabel={t('common.cancel')}
      tone="primary"
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => (picked ? onConfirm(picked) : setError(t('unmatched.pickFirst')))}
    >
      <OrderSearch
        pickedIds={new Set(picked ? [picked.id] : [])}
        onPick={(order) => {
          setPicked(order);
          setError(null);
        }}
      />
      <p className="text-sm" aria-live="polite">
        {picked ? t('unmatched.matchBody', { amount: rupiah(item.amount), reference: picked.reference, payable: rupiah(picked.payableAmount) }) : ''}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {error}
        </p>
      )}
    </ConfirmDialog>
  );
}

interface Part {
  orderId: string;
  reference: string;
  payableAmount: string;
  amountText: string;
}

const amountOf = (text: string): bigint | null => {
  try {
    return parseTypedAmount(text);
  } catch {
    return null;
  }
};

/** One transfer across several orders: pick orders, give each an amount, at most the transfer in sum. */
export function SplitDialog({
  item,
  busy,
  onCancel,
  onConfirm,
}: DialogProps & { item: QueueItem; onConfirm: (parts: { orderId: string; amount: string }[]) => void }) {
  const t = useTranslations();
  const id = useId();
  const [parts, setParts] = useState<Part[]>([]);
  const [showProblem, setShowProblem] = useState(false);
  const transfer = BigInt(item.amount);
  const check = checkSplit(
    transfer,
    parts.map((p) => ({ orderId: p.orderId, amount: amountOf(p.amountText) })),
  );

  const add = (order: { orderId: string; reference: string; payableAmount: string }) => {
    if (parts.some((p) => p.orderId === order.orderId)) return;
    const left = check.remaining > 0n ? check.remaining : 0n;
    const payable = BigInt(order.payableAmount);
    setParts([...parts, { ...order, amountText: String(payable < left ? payable : left) }]);
    setShowProblem(false);
  };

  return (
    <ConfirmDialog
      open
      title={t('unmatched.splitTitle', { amount: rupiah(item.amount) })}
      confirmLabel={t('unmatched.splitConfirm')}
      cancelLabel={t('common.cancel')}
      tone="primary"
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => {
        if (check.problem) return setShowProblem(true);
        onConfirm(parts.map((p) => ({ orderId: p.orderId, amount: String(amountOf(p.amountText)) })));
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-300">{t('unmatched.splitBody')}</p>
      {item.candidates.length > 0 && (
        <div className="flex flex-wrap gap-2">
          {item.candidates.map((c) => (
            <Button
              key={c.orderId}
              size="sm"
              variant="secondary"
              disabled={parts.some((p) => p.orderId === c.orderId)}
              onClick={() => add({ orderId: c.orderId, reference: c.reference, payableAmount: c.payableAmount })}
            >
              {t('unmatched.splitAdd', { reference: c.reference })}
            </Button>
          ))}
        </div>
      )}
      <OrderSearch
        pickedIds={new Set(parts.map((p) => p.orderId))}
        onPick={(order) => add({ orderId: order.id, reference: order.reference, payableAmount: order.payableAmount })}
      />
      {parts.length > 0 && (
        <ul className="flex flex-col gap-2">
          {parts.map((part, index) => (
            <li key={part.orderId} className="flex items-end gap-2">
              <div className="flex-1">
                <Field label={t('unmatched.splitAmount', { reference: part.reference })} htmlFor={`${id}-part-${index}`}>
                  <Input
                    id={`${id}-part-${index}`}
                    inputMode="numeric"
                    autoComplete="off"
                    value={part.amountText}
                    onChange={(event) => {
                      setParts(parts.map((p) => (p.orderId === part.orderId ? { ...p, amountText: event.target.value } : p)));
                      setShowProblem(false);
                    }}
                  />
                </Field>
              </div>
              <Button
                size="sm"
                variant="ghost"
                aria-label={t('unmatched.splitRemove', { reference: part.reference })}
                onClick={() => setParts(parts.filter((p) => p.orderId !== part.orderId))}
              >
                ✕
              </Button>
            </li>
          ))}
        </ul>
      )}
      <p className="text-sm tabular-nums" aria-live="polite" data-testid="split-remaining">
        {t('unmatched.splitTotal', { amount: formatRupiah(check.total) })} ·{' '}
        {t('unmatched.splitRemaining', { amount: formatRupiah(check.remaining) })}
      </p>
      {(showProblem || check.problem === 'too_much') && check.problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t(`unmatched.splitProblem.${check.problem}`)}
        </p>
      )}
    </ConfirmDialog>
  );
}
