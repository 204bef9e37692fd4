'use client';

import { useMutation, type MutationKey } from '@tanstack/react-query';
import { useRouter } from 'next/navigation';
import { useTranslations } from 'next-intl';
import { useToast, type ToastAction } from '@/components/ui/toast';
import type { ActionResult } from '@/lib/next/action';

export type ActionFailure = Extract<ActionResult<unknown>, { ok: false }>;

/** A refusal with the name of its kind in front ("Not found: …"), for forms whose message alone reads bare. */
export function failureWithKind(t: ReturnType<typeof useTranslations<never>>, failure: ActionFailure): string {
  return `${t(`common.errors.${failure.code}`)}: ${failure.message}`;
}

/** What the success toast says; `null` shows none. */
type SuccessToast = string | { text: string; tone?: 'success' | 'info'; action?: ToastAction } | null;

/** Thrown inside the mutation so TanStack Query sees a refused action as an error. */
class RefusedAction extends Error {
  constructor(readonly failure: ActionFailure) {
    super(failure.message);
  }
}

/**
 * Runs a server action: `pending` while it runs, `error` with the refusal's message, a toast
 * either way, and `router.refresh()` after success when `refresh` is set. `onSuccess` runs
 * before the toast and may return a promise (refetch what the action changed) that keeps the
 * action pending until it settles. Actions sharing a `key` can be watched together with
 * `useIsMutating({ mutationKey: key })`.
 */
export function useAction<Input, Data>(
  action: (input: Input) => Promise<ActionResult<Data>>,
  options: {
    success?: (data: Data, input: Input) => SuccessToast;
    refresh?: boolean;
    key?: MutationKey;
    onSuccess?: (data: Data, input: Input) => unknown;
    onError?: (failure: ActionFailure, input: Input) => void;
    /** The toast's words for a refusal, when the message alone would not say enough. */
    describeError?: (failure: ActionFailure) => string;
  } = {},
) {
  const t = useTranslations();
  const toast = useToast();
  const router = useRouter();
  const mutation = useMutation<Data, Error, Input>({
    mutationKey: options.key,
    mutationFn: async (input) => {
      const result = await action(input);
      if (!result.ok) throw new RefusedAction(result);
      return result.data;
    },
    onSuccess: async (data, input) => {
      await options.onSuccess?.(data, input);
      if (options.refresh) router.refresh();
      const said = options.success?.(data, input) ?? null;
      if (said === null) return;
      if (typeof said === 'string') toast(said);
      else toast(said.text, said.tone ?? 'success', said.action);
    },
    onError: (error, input) => {
      if (!(error instanceof RefusedAction)) {
        toast(t('common.errorBody'), 'error');
        return;
      }
      toast(options.describeError?.(error.failure) ?? error.failure.message, 'error');
      options.onError?.(error.failure, input);
    },
  });
  return {
    /** Starts the action; `then` runs after this call's success only (closing its dialog, say). */
    run: (input: Input, then?: { onSuccess?: (data: Data) => void; onSettled?: () => void }) =>
      mutation.mutate(input, { onSuccess: then?.onSuccess, onSettled: then?.onSettled }),
    pending: mutation.isPending,
    error: mutation.error instanceof RefusedAction ? mutation.error.message : mutation.error ? t('common.errorBody') : null,
    reset: mutation.reset,
  };
}
