import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/page-header';
import { TextLink } from '@/components/ui/text-link';
import { listApiKeys } from '@/lib/api-keys';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/next/session';
import { listUsers } from '@/lib/auth/users';
import { getTranslations } from 'next-intl/server';
import type { MessageKey } from '@/lib/i18n/messages';
import { SETTING_ENV, type SettingKey } from '@/lib/settings/definitions';
import { loadSettings } from '@/lib/settings/store';
import { mootaTokenStatus } from '@/lib/moota/connection';
import { maskSecret, secretFingerprint } from '@/lib/settings/webhook-secrets';
import { ApiKeysSection } from './_components/api-keys-section';
import { CallbackSecretForm } from './_components/callback-secret-form';
import { FieldsSection } from './_components/fields-section';
import { MootaApiSection } from './_components/moota-api-section';
import { PayAccountsSection } from './_components/pay-accounts-section';
import { payAccountChoices } from '@/lib/queries/pay';
import type { EnvNames, FieldKey, FieldSpec } from './_components/types';
import { UsersSection } from './_components/users-section';
import { WebhookSecretsSection } from './_components/webhook-secrets-section';

export const dynamic = 'force-dynamic';

const SECTIONS: { id: string; title: MessageKey; fields: FieldSpec[] }[] = [
  {
    id: 'webhook-access',
    title: 'settings.sections.webhookAccess',
    fields: [
      { key: 'allowedIps', type: 'text' },
      { key: 'trustedProxyHops', type: 'number' },
    ],
  },
  {
    id: 'orders',
    title: 'settings.sections.orders',
    fields: [
      { key: 'uniqueCodeMin', type: 'number' },
      { key: 'uniqueCodeMax', type: 'number' },
      { key: 'orderExpiryMinutes', type: 'number' },
      { key: 'storeName', type: 'text' },
    ],
  },
  {
    id: 'matching',
    title: 'settings.sections.matching',
    fields: [
      { key: 'matchWindowDays', type: 'number' },
      { key: 'lateOrderMinutes', type: 'number' },
      { key: 'underpaidTolerance', type: 'number' },
      { key: 'overpaidTolerance', type: 'number' },
      { key: 'closedAmountHoldDays', type: 'number' },
    ],
  },
];

export default async function SettingsPage() {
  const user = await requireUser('manage_settings', '/settings');
  const t = await getTranslations();
  const manageUsers = can(user.role, 'manage_users');
  const [settings, apiKeys, users, mootaToken, payChoices] = await Promise.all([
    loadSettings(),
    listApiKeys(),
    manageUsers ? listUsers() : Promise.resolve([]),
    mootaTokenStatus(),
    payAccountChoices(),
  ]);

  const envNames: EnvNames = {};
  for (const key of Object.keys(settings.sources) as SettingKey[]) {
    if (settings.sources[key] === 'environment') envNames[key] = SETTING_ENV[key];
  }
  const values = {} as Record<FieldKey, string>;
  for (const section of SECTIONS) for (const field of section.fields) values[field.key] = String(settings.values[field.key]);
  values.storeCallbackUrl = settings.values.storeCallbackUrl;
  const callbackSecret = settings.values.storeCallbackSecret;

  const nav: [string, MessageKey][] = [
    ['webhook-secrets', 'settings.sections.webhookSecrets'],
    ...SECTIONS.map((s): [string, MessageKey] => [s.id, s.title]),
    ['store-callback', 'settings.sections.storeCallback'],
    ['pay-accounts', 'settings.sections.payAccounts'],
    ['moota-api', 'settings.sections.mootaApi'],
    ['api-keys', 'settings.sections.apiKeys'],
    ...(manageUsers ? [['users', 'settings.sections.users'] satisfies [string, MessageKey]] : []),
  ];

  return (
    <ClientMessages areas={['settings']}>
      <PageHeader title={t('settings.title')} description={t('settings.description')} />
      <nav aria-label={t('settings.sectionNav')} className="mb-6 flex flex-wrap gap-x-4 gap-y-1 text-sm">
        {nav.map(([id, label]) => (
          <TextLink key={id} href={`#${id}`}>
            {t(label!)}
          </TextLink>
        ))}
      </nav>
      <div className="flex max-w-4xl flex-col gap-6">
        <WebhookSecretsSection
          secrets={settings.values.webhookSecrets.map((secret) => ({ fingerprint: secretFingerprint(secret), masked: maskSecret(secret) }))}
          envName={envNames.webhookSecrets ?? null}
        />
        {SECTIONS.map((section) => (
          <FieldsSection key={section.id} id={section.id} title={t(section.title)} fields={section.fields} values={values} envNames={envNames} />
        ))}
        <FieldsSection
          id="store-callback"
          title={t('settings.sections.storeCallback')}
          hint={t('settings.sections.storeCallbackHint')}
          fields={[{ key: 'storeCallbackUrl', type: 'text' }]}
          values={values}
          envNames={envNames}
        >
          <CallbackSecretForm masked={callbackSecret ? maskSecret(callbackSecret) : null} envName={envNames.storeCallbackSecret ?? null} />
        </FieldsSection>
        <PayAccountsSection accounts={payChoices} chosen={settings.values.payAccounts} />
        <MootaApiSection status={mootaToken} tagging={settings.values.mootaTagMatched} />
        <ApiKeysSection
          keys={apiKeys.map((key) => ({
            id: key.id,
            name: key.name,
            prefix: key.prefix,
            createdAt: key.createdAt.toISOString(),
            lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
            revokedAt: key.revokedAt?.toISOString() ?? null,
          }))}
        />
        {manageUsers && (
          <UsersSection
            currentUserId={user.id}
            users={users.map((u) => ({
              id: u.id,
              email: u.email,
              name: u.name,
              role: u.role,
              disabled: u.disabledAt !== null,
              lastLoginAt: u.lastLoginAt?.toISOString() ?? null,
            }))}
          />
        )}
      </div>
    </ClientMessages>
  );
}
