'use client';

import { useId, useState } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input, TextArea } from '@/components/ui/field';
import { formatAge, formatRupiah } from '@/lib/format';
import { typedAmountOrNull } from '@/lib/money';
import { confirmDepartures, type ConfirmTarget, type Departure } from '@/lib/reconcile/confirm-check';
import { checkSplit } from '@/lib/reconcile/work-queue-rules';
import type { OrderHit, QueueCandidate, QueueItem } from '@/lib/reconcile/work-queue';
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

/** A candidate as `confirmDepartures` reads it. */
export const confirmTarget = (candidate: QueueCandidate): ConfirmTarget => ({
  orderId: candidate.orderId,
  reference: candidate.reference,
  payableAmount: BigInt(candidate.payableAmount),
  status: candidate.status,
  expiresAt: candidate.expiresAt ? new Date(candidate.expiresAt) : null,
});

/** What the person is asked to acknowledge, one line per reason. */
function Departures({ departures }: { departures: readonly Departure[] }) {
  const t = useTranslations();
  const locale = useLocale();
  const line = (departure: Departure) => {
    switch (departure.kind) {
      case 'less':
      case 'more':
        return t(`unmatched.departure.${departure.kind}`, { amount: formatRupiah(departure.amount) });
      case 'expired':
        return departure.since
          ? t('unmatched.departure.expired', { age: formatAge(departure.since, new Date(), locale) })
          : t('unmatched.departure.expiredUnknown');
      case 'cancelled':
        return t('unmatched.departure.cancelled');
      case 'similar':
        return t('unmatched.departure.similar', { reference: departure.reference, amount: formatRupiah(departure.payableAmount) });
    }
  };
  return (
    <ul className="list-disc space-y-1 pl-5 text-sm" data-testid="departures">
      {departures.map((departure) => (
        <li key={departure.kind}>{line(departure)}</li>
      ))}
    </ul>
  );
}

/** A reason field, required when `required`. */
function ReasonField({
  id,
  label,
  value,
  error,
  onChange,
}: {
  id: string;
  label: string;
  value: string;
  error: string | null;
  onChange: (text: string) => void;
}) {
  return (
    <Field label={label} htmlFor={`${id}-reason`} error={error}>
      <TextArea
        id={`${id}-reason`}
        rows={2}
        maxLength={500}
        value={value}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-reason-error` : undefined}
        onChange={(event) => onChange(event.target.value)}
      />
    </Field>
  );
}

/**
 * Asks once before a confirmation that departs from the exact rule: says why (a difference, an
 * order no longer open, a second candidate as close) and takes the person's reason.
 */
export function DepartureDialog({
  item,
  candidate,
  departures,
  busy,
  onCancel,
  onConfirm,
}: DialogProps & { item: QueueItem; candidate: QueueCandidate; departures: readonly Departure[]; onConfirm: (reason: string) => void }) {
  const t = useTranslations();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  return (
    <ConfirmDialog
      open
      title={t('unmatched.departsTitle', { reference: candidate.reference })}
      confirmLabel={t('unmatched.departsConfirm')}
      cancelLabel={t('common.cancel')}
      tone="primary"
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => (reason.trim() ? onConfirm(reason.trim()) : setError(t('unmatched.reasonRequired')))}
    >
      <p className="text-sm">
        {t('unmatched.departsBody', { amount: rupiah(item.amount), reference: candidate.reference, payable: rupiah(candidate.payableAmount) })}
      </p>
      <Departures departures={departures} />
      <ReasonField
        id={id}
        label={t('unmatched.departsReason')}
        value={reason}
        error={error}
        onChange={(text) => {
          setReason(text);
          setError(null);
        }}
      />
    </ConfirmDialog>
  );
}

/** Find any open order and pay it with the whole transfer; one that does not fit exactly says why and needs a reason. */
export function SearchMatchDialog({
  item,
  busy,
  onCancel,
  onConfirm,
}: DialogProps & { item: QueueItem; onConfirm: (order: OrderHit, answer: { acknowledged: boolean; reason: string }) => void }) {
  const t = useTranslations();
  const id = useId();
  const [picked, setPicked] = useState<OrderHit | null>(null);
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const departures = picked
    ? confirmDepartures(BigInt(item.amount), {
        orderId: picked.id,
        reference: picked.reference,
        payableAmount: BigInt(picked.payableAmount),
        status: picked.status,
        // A search hit does not carry its expiry: the order is said to have expired, without when.
        expiresAt: null,
      })
    : [];
  return (
    <ConfirmDialog
      open
      title={t('unmatched.searchTitle')}
      confirmLabel={t('unmatched.confirm')}
      cancelLabel={t('common.cancel')}
      tone="primary"
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => {
        if (!picked) return setError(t('unmatched.pickFirst'));
        if (departures.length > 0 && !reason.trim()) return setError(t('unmatched.reasonRequired'));
        onConfirm(picked, { acknowledged: departures.length > 0, reason: reason.trim() });
      }}
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
      {departures.length > 0 && <Departures departures={departures} />}
      {picked && (
        <ReasonField
          id={id}
          label={departures.length > 0 ? t('unmatched.departsReason') : t('unmatched.matchReason')}
          value={reason}
          error={null}
          onChange={(text) => {
            setReason(text);
            setError(null);
          }}
        />
      )}
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

/** One transfer across several orders: pick orders, give each an amount, at most the transfer in sum. */
export function SplitDialog({
  item,
  busy,
  onCancel,
  onConfirm,
}: DialogProps & { item: QueueItem; onConfirm: (parts: { orderId: string; amount: string }[], reason: string) => void }) {
  const t = useTranslations();
  const id = useId();
  const [parts, setParts] = useState<Part[]>([]);
  const [reason, setReason] = useState('');
  const [reasonError, setReasonError] = useState<string | null>(null);
  const [showProblem, setShowProblem] = useState(false);
  const transfer = BigInt(item.amount);
  const check = checkSplit(
    transfer,
    parts.map((p) => ({ orderId: p.orderId, amount: typedAmountOrNull(p.amountText) })),
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
        if (!reason.trim()) return setReasonError(t('unmatched.reasonRequired'));
        onConfirm(
          parts.map((p) => ({ orderId: p.orderId, amount: String(typedAmountOrNull(p.amountText)) })),
          reason.trim(),
        );
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
      <ReasonField
        id={id}
        label={t('unmatched.splitReason')}
        value={reason}
        error={reasonError}
        onChange={(text) => {
          setReason(text);
          setReasonError(null);
        }}
      />
      {(showProblem || check.problem === 'too_much') && check.problem && (
        <p role="alert" className="text-sm text-red-700 dark:text-red-400">
          {t(`unmatched.splitProblem.${check.problem}`)}
        </p>
      )}
    </ConfirmDialog>
  );
}

/** Confirms several top suggestions at once; when some do not fit their order exactly, says how many and takes one reason. */
export function BulkConfirmDialog({
  items,
  busy,
  onCancel,
  onConfirm,
}: DialogProps & { items: readonly QueueItem[]; onConfirm: (reason: string | undefined) => void }) {
  const t = useTranslations();
  const id = useId();
  const [reason, setReason] = useState('');
  const [error, setError] = useState<string | null>(null);
  const departing = items.filter((item) => {
    const top = item.candidates[0];
    return top?.stored && confirmDepartures(BigInt(item.amount), confirmTarget(top), item.candidates.map(confirmTarget)).length > 0;
  }).length;
  return (
    <ConfirmDialog
      open
      title={t('unmatched.bulkTitle', { count: items.length })}
      confirmLabel={t('unmatched.confirm')}
      cancelLabel={t('common.cancel')}
      tone="primary"
      busy={busy}
      onCancel={onCancel}
      onConfirm={() => {
        if (departing > 0 && !reason.trim()) return setError(t('unmatched.reasonRequired'));
        onConfirm(reason.trim() || undefined);
      }}
    >
      <p className="text-sm text-slate-600 dark:text-slate-300">{t('unmatched.bulkBody')}</p>
      {departing > 0 && (
        <>
          <p className="text-sm" data-testid="bulk-departs">
            {t('unmatched.bulkDeparts', { count: departing })}
          </p>
          <ReasonField
            id={id}
            label={t('unmatched.departsReason')}
            value={reason}
            error={error}
            onChange={(text) => {
              setReason(text);
              setError(null);
            }}
          />
        </>
      )}
    </ConfirmDialog>
  );
}
