'use client';

import { useRouter } from 'next/navigation';
import { useState, useTransition, type FormEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { Button } from '@/components/ui/button';
import { Badge, Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input, Select } from '@/components/ui/field';
import { useToast } from '@/components/ui/toast';
import { formatDateTime } from '@/lib/format';
import { createUserAction, updateUserAction } from '../actions';
import type { UserView } from './types';

const ROLES = ['owner', 'finance', 'viewer'] as const;
const EMPTY = { email: '', name: '', role: 'finance' as UserView['role'], password: '' };

export function UsersSection({ users, currentUserId }: { users: UserView[]; currentUserId: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const toast = useToast();
  const router = useRouter();
  const [form, setForm] = useState(EMPTY);
  const [error, setError] = useState<string | null>(null);
  const [disabling, setDisabling] = useState<UserView | null>(null);
  const [busy, startTransition] = useTransition();

  const add = (event: FormEvent) => {
    event.preventDefault();
    startTransition(async () => {
      const result = await createUserAction(form);
      if (!result.ok) {
        setError(result.message);
        toast(result.message, 'error');
        return;
      }
      setError(null);
      setForm(EMPTY);
      toast(t('settings.users.added', { email: result.data.email }));
      router.refresh();
    });
  };

  const update = (user: UserView, change: { role?: UserView['role']; disabled?: boolean }, success: string) =>
    startTransition(async () => {
      const result = await updateUserAction({ id: user.id, ...change });
      setDisabling(null);
      if (!result.ok) {
        toast(result.message, 'error');
        router.refresh();
        return;
      }
      toast(success);
      router.refresh();
    });

  return (
    <div id="users" className="scroll-mt-4">
      <Card title={t('settings.sections.users')}>
        <div className="overflow-x-auto">
          <table className="min-w-full text-left text-sm" data-testid="users">
            <thead className="text-xs uppercase tracking-wide text-slate-600 dark:text-slate-300">
              <tr>
                <th scope="col" className="px-2 py-1">{t('settings.users.email')}</th>
                <th scope="col" className="px-2 py-1">{t('settings.users.name')}</th>
                <th scope="col" className="px-2 py-1">{t('settings.users.role')}</th>
                <th scope="col" className="px-2 py-1">{t('settings.users.status')}</th>
                <th scope="col" className="px-2 py-1">{t('settings.users.lastLogin')}</th>
                <th scope="col" className="px-2 py-1"><span className="sr-only">{t('common.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {users.map((user) => {
                const self = user.id === currentUserId;
                return (
                  <tr key={user.id} data-testid="user-row" data-email={user.email} className="border-t border-slate-100 dark:border-slate-800">
                    <td className="px-2 py-2 font-medium">
                      {user.email} {self && <span className="text-xs text-slate-500 dark:text-slate-400">{t('settings.users.you')}</span>}
                    </td>
                    <td className="px-2 py-2">{user.name ?? ''}</td>
                    <td className="px-2 py-2">
                      <Select
                        aria-label={t('settings.users.roleOf', { email: user.email })}
                        value={user.role}
                        disabled={busy || self}
                        className="w-auto py-1"
                        onChange={(event) =>
                          update(user, { role: event.target.value as UserView['role'] }, t('settings.users.roleChanged', { email: user.email }))
                        }
                      >
                        {ROLES.map((role) => (
                          <option key={role} value={role}>
                            {t(`common.role.${role}`)}
                          </option>
                        ))}
                      </Select>
                    </td>
                    <td className="px-2 py-2">
                      {user.disabled ? <Badge tone="slate">{t('settings.users.disabled')}</Badge> : <Badge tone="green">{t('settings.users.active')}</Badge>}
                    </td>
                    <td className="whitespace-nowrap px-2 py-2">
                      {user.lastLoginAt ? formatDateTime(new Date(user.lastLoginAt), locale) : t('settings.users.never')}
                    </td>
                    <td className="px-2 py-2 text-right">
                      {!self &&
                        (user.disabled ? (
                          <Button
                            size="sm"
                            variant="secondary"
                            disabled={busy}
                            aria-label={t('settings.users.enableLabel', { email: user.email })}
                            onClick={() => update(user, { disabled: false }, t('settings.users.enabledToast', { email: user.email }))}
                          >
                            {t('settings.users.enable')}
                          </Button>
                        ) : (
                          <Button
                            size="sm"
                            variant="secondary"
                            disabled={busy}
                            aria-label={t('settings.users.disableLabel', { email: user.email })}
                            onClick={() => setDisabling(user)}
                          >
                            {t('settings.users.disable')}
                          </Button>
                        ))}
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
        <form onSubmit={add} aria-label={t('settings.users.add')} className="mt-6 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2 dark:border-slate-800" noValidate>
          <Field label={t('settings.users.email')} htmlFor="new-user-email">
            <Input id="new-user-email" type="email" autoComplete="off" value={form.email} onChange={(e) => setForm({ ...form, email: e.target.value })} />
          </Field>
          <Field label={t('settings.users.name')} htmlFor="new-user-name">
            <Input id="new-user-name" autoComplete="off" value={form.name} onChange={(e) => setForm({ ...form, name: e.target.value })} />
          </Field>
          <Field label={t('settings.users.role')} htmlFor="new-user-role">
            <Select id="new-user-role" value={form.role} onChange={(e) => setForm({ ...form, role: e.target.value as UserView['role'] })}>
              {ROLES.map((role) => (
                <option key={role} value={role}>
                  {t(`common.role.${role}`)}
                </option>
              ))}
            </Select>
          </Field>
          <Field label={t('settings.users.password')} htmlFor="new-user-password" hint={t('settings.users.passwordHint')}>
            <Input
              id="new-user-password"
              type="password"
              autoComplete="new-password"
              aria-describedby="new-user-password-hint"
              value={form.password}
              onChange={(e) => setForm({ ...form, password: e.target.value })}
            />
          </Field>
          {error && (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 sm:col-span-2 dark:bg-red-950/50 dark:text-red-200">
              {error}
            </p>
          )}
          <div className="sm:col-span-2">
            <Button type="submit" disabled={busy}>
              {t('settings.users.add')}
            </Button>
          </div>
        </form>
      </Card>
      {disabling && (
        <ConfirmDialog
          open
          title={t('settings.users.disableTitle')}
          confirmLabel={t('settings.users.disable')}
          cancelLabel={t('common.cancel')}
          busy={busy}
          onConfirm={() => update(disabling, { disabled: true }, t('settings.users.disabledToast', { email: disabling.email }))}
          onCancel={() => setDisabling(null)}
        >
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('settings.users.disableBody', { email: disabling.email })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
