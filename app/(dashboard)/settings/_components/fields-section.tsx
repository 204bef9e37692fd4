'use client';

import { useState, type FormEvent, type ReactNode } from 'react';
import { useTranslations } from 'next-intl';
import { useAction } from '@/components/use-action';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Field, Input } from '@/components/ui/field';
import { saveSettingsAction } from '../actions';
import type { EnvNames, FieldKey, FieldSpec } from './types';

/** One section of plain settings; a value fixed by the environment is shown read-only and never sent. */
export function FieldsSection({
  id,
  title,
  hint,
  fields,
  values,
  envNames,
  children,
}: {
  id: string;
  title: string;
  hint?: string;
  fields: FieldSpec[];
  values: Record<FieldKey, string>;
  envNames: EnvNames;
  children?: ReactNode;
}) {
  const t = useTranslations();
  const [draft, setDraft] = useState(() => Object.fromEntries(fields.map((f) => [f.key, values[f.key]])) as Record<FieldKey, string>);
  const editable = fields.filter((f) => !envNames[f.key]);
  const save = useAction(saveSettingsAction, { success: () => t('settings.saved'), refresh: true });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    save.run({ values: Object.fromEntries(editable.map((f) => [f.key, draft[f.key]])) });
  };

  return (
    <div id={id} className="scroll-mt-4">
      <Card title={<span id={`${id}-title`}>{title}</span>}>
        {hint && <p className="mb-3 text-sm text-slate-600 dark:text-slate-400">{hint}</p>}
        <form onSubmit={submit} aria-labelledby={`${id}-title`} className="flex flex-col gap-4" noValidate>
          <div className="grid gap-4 sm:grid-cols-2">
            {fields.map((field) => {
              const envName = envNames[field.key];
              const inputId = `setting-${field.key}`;
              return (
                <Field
                  key={field.key}
                  label={t(`settings.fields.${field.key}.label`)}
                  htmlFor={inputId}
                  hint={envName ? t('settings.fromEnv', { name: envName }) : t(`settings.fields.${field.key}.hint`)}
                >
                  <Input
                    id={inputId}
                    name={field.key}
                    type="text"
                    inputMode={field.type === 'number' ? 'numeric' : undefined}
                    value={draft[field.key]}
                    readOnly={Boolean(envName)}
                    aria-readonly={Boolean(envName) || undefined}
                    aria-describedby={`${inputId}-hint`}
                    className="read-only:bg-slate-100 read-only:text-slate-600 dark:read-only:bg-slate-800 dark:read-only:text-slate-300"
                    onChange={(event) => setDraft((current) => ({ ...current, [field.key]: event.target.value }))}
                  />
                </Field>
              );
            })}
          </div>
          {save.error && (
            <p role="alert" className="rounded-md bg-red-50 p-3 text-sm text-red-800 dark:bg-red-950/50 dark:text-red-200">
              {save.error}
            </p>
          )}
          {editable.length > 0 && (
            <div>
              <Button type="submit" disabled={save.pending}>
                {save.pending ? t('common.saving') : t('common.save')}
              </Button>
            </div>
          )}
        </form>
        {children}
      </Card>
    </div>
  );
}
