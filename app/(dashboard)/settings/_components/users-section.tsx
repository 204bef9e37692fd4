'use client';

import { useRouter } from 'next/navigation';
import { useState, type FormEvent } from 'react';
import { useLocale, useTranslations } from 'next-intl';
import { useAction } from '@/components/use-action';
import { Button } from '@/components/ui/button';
import { Badge } from '@/components/ui/badge';
import { Card } from '@/components/ui/card';
import { ConfirmDialog } from '@/components/ui/confirm-dialog';
import { Field, Input, Select } from '@/components/ui/field';
import { Table, TD } from '@/components/ui/table';
import { formatDateTime } from '@/lib/format';
import { createUserAction, updateUserAction } from '../actions';
import type { UserView } from './types';

const ROLES = ['owner', 'finance', 'viewer'] as const;
const EMPTY = { email: '', name: '', role: 'finance' as UserView['role'], password: '' };

export function UsersSection({ users, currentUserId }: { users: UserView[]; currentUserId: string }) {
  const t = useTranslations();
  const locale = useLocale();
  const router = useRouter();
  const [form, setForm] = useState(EMPTY);
  const [disabling, setDisabling] = useState<UserView | null>(null);
  const creation = useAction(createUserAction, {
    success: (data) => t('settings.users.added', { email: data.email }),
    refresh: true,
    onSuccess: () => setForm(EMPTY),
  });
  // A refused change re-reads the list, so the role picker shows what is really stored.
  const updating = useAction(updateUserAction, {
    success: (_, change) => {
      const email = users.find((user) => user.id === change.id)?.email ?? '';
      if (change.disabled === true) return t('settings.users.disabledToast', { email });
      if (change.disabled === false) return t('settings.users.enabledToast', { email });
      return t('settings.users.roleChanged', { email });
    },
    refresh: true,
    onError: () => router.refresh(),
  });
  const busy = creation.pending || updating.pending;

  const add = (event: FormEvent) => {
    event.preventDefault();
    creation.run(form);
  };

  const update = (user: UserView, change: { role?: UserView['role']; disabled?: boolean }) =>
    updating.run({ id: user.id, ...change }, { onSettled: () => setDisabling(null) });

  return (
    <div id="users" className="scroll-mt-4">
      <Card title={t('settings.sections.users')}>
        <Table
          caption={t('settings.sections.users')}
          columns={[
            t('settings.users.email'),
            t('settings.users.name'),
            t('settings.users.role'),
            t('settings.users.status'),
            t('settings.users.lastLogin'),
            { label: t('common.actions'), srOnly: true },
          ]}
          rows={users}
          testId="users"
        >
          {(user) => {
            const self = user.id === currentUserId;
            return (
              <tr key={user.id} data-testid="user-row" data-email={user.email}>
                <TD className="font-medium">
                  {user.email} {self && <span className="text-xs text-slate-500 dark:text-slate-400">{t('settings.users.you')}</span>}
                </TD>
                <TD>{user.name ?? ''}</TD>
                <TD>
                  <Select
                    aria-label={t('settings.users.roleOf', { email: user.email })}
                    value={user.role}
                    disabled={busy || self}
                    className="w-auto py-1"
                    onChange={(event) => update(user, { role: event.target.value as UserView['role'] })}
                  >
                    {ROLES.map((role) => (
                      <option key={role} value={role}>
                        {t(`common.role.${role}`)}
                      </option>
                    ))}
                  </Select>
                </TD>
                <TD>
                  {user.disabled ? (
                    <Badge tone="slate">{t('settings.users.disabled')}</Badge>
                  ) : (
                    <Badge tone="green">{t('settings.users.active')}</Badge>
                  )}
                </TD>
                <TD nowrap>{user.lastLoginAt ? formatDateTime(new Date(user.lastLoginAt), locale) : t('settings.users.never')}</TD>
                <TD className="text-right">
                  {!self &&
                    (user.disabled ? (
                      <Button
                        size="sm"
                        variant="secondary"
                        disabled={busy}
                        aria-label={t('settings.users.enableLabel', { email: user.email })}
                        onClick={() => update(user, { disabled: false })}
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
                </TD>
              </tr>
            );
          }}
        </Table>
        <form
          onSubmit={add}
          aria-label={t('settings.users.add')}
          className="mt-6 grid gap-3 border-t border-slate-100 pt-4 sm:grid-cols-2 dark:border-slate-800"
          noValidate
        >
          <Field label={t('settings.users.email')} htmlFor="new-user-email">
            <Input
              id="new-user-email"
              type="email"
              autoComplete="off"
              value={form.email}
              onChange={(e) => setForm({ ...form, email: e.target.value })}
            />
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
          {creation.error && (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 sm:col-span-2 dark:bg-red-950/50 dark:text-red-200">
              {creation.error}
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
          onConfirm={() => update(disabling, { disabled: true })}
          onCancel={() => setDisabling(null)}
        >
          <p className="text-sm text-slate-600 dark:text-slate-300">{t('settings.users.disableBody', { email: disabling.email })}</p>
        </ConfirmDialog>
      )}
    </div>
  );
}
