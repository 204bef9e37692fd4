'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { createApiKey, revokeApiKey } from '@/lib/api-keys';
import { saveMootaToken } from '@/lib/moota/connection';
import { defineAction } from '@/lib/next/action';
import { ROLES } from '@/lib/auth/roles';
import { createUser, updateUser } from '@/lib/auth/users';
import { DomainError } from '@/lib/errors';
import type { SettingValues } from '@/lib/settings/definitions';
import { loadSettings, saveSettings } from '@/lib/settings/store';
import { addWebhookSecret, removeWebhookSecret } from '@/lib/settings/webhook-secrets';

/** Settings edited as plain fields; secrets have their own actions below. */
const NUMBER_KEYS = [
  'trustedProxyHops',
  'uniqueCodeMin',
  'uniqueCodeMax',
  'orderExpiryMinutes',
  'matchWindowDays',
  'lateOrderMinutes',
  'underpaidTolerance',
  'overpaidTolerance',
  'closedAmountHoldDays',
] as const;
const TEXT_KEYS = ['allowedIps', 'storeCallbackUrl', 'storeName'] as const;
const FIELD_KEYS = [...NUMBER_KEYS, ...TEXT_KEYS] as const;

export const saveSettingsAction = defineAction(
  {
    name: 'saveSettings',
    permission: 'manage_settings',
    schema: z.object({ values: z.partialRecord(z.enum(FIELD_KEYS), z.string().max(2000)) }),
  },
  async ({ values }, user) => {
    const changes: Partial<SettingValues> = {};
    for (const [key, text] of Object.entries(values) as [(typeof FIELD_KEYS)[number], string][]) {
      if ((NUMBER_KEYS as readonly string[]).includes(key)) {
        const trimmed = text.trim();
        if (!/^\d+$/.test(trimmed)) throw new DomainError('invalid', 'settingWholeNumber', { key });
        (changes as Record<string, unknown>)[key] = Number(trimmed);
      } else {
        (changes as Record<string, unknown>)[key] = text.trim();
      }
    }
    await saveSettings(changes, user.email);
    revalidatePath('/settings');
    return { saved: Object.keys(changes).length };
  },
);

export const addWebhookSecretAction = defineAction(
  { name: 'addWebhookSecret', permission: 'manage_settings', schema: z.object({ secret: z.string().max(500) }) },
  async ({ secret }, user) => {
    const next = addWebhookSecret((await loadSettings()).values.webhookSecrets, secret);
    await saveSettings({ webhookSecrets: next }, user.email);
    revalidatePath('/settings');
    return { active: next.length };
  },
);

export const removeWebhookSecretAction = defineAction(
  { name: 'removeWebhookSecret', permission: 'manage_settings', schema: z.object({ fingerprint: z.string().regex(/^[0-9a-f]{16}$/) }) },
  async ({ fingerprint }, user) => {
    const next = removeWebhookSecret((await loadSettings()).values.webhookSecrets, fingerprint);
    await saveSettings({ webhookSecrets: next }, user.email);
    revalidatePath('/settings');
    return { removed: true };
  },
);

export const saveStoreCallbackSecretAction = defineAction(
  { name: 'saveStoreCallbackSecret', permission: 'manage_settings', schema: z.object({ secret: z.string().max(500) }) },
  async ({ secret }, user) => {
    await saveSettings({ storeCallbackSecret: secret.trim() }, user.email);
    revalidatePath('/settings');
    return { set: secret.trim() !== '' };
  },
);

/** The Moota API token: saved encrypted; the answer says only where it comes from and its last 4 characters. */
export const saveMootaTokenAction = defineAction(
  { name: 'saveMootaToken', permission: 'manage_settings', schema: z.object({ token: z.string().trim().min(1).max(500) }) },
  async ({ token }, user) => {
    const status = await saveMootaToken(token, user.email);
    revalidatePath('/settings');
    revalidatePath('/webhooks');
    return status;
  },
);

export const forgetMootaTokenAction = defineAction(
  { name: 'forgetMootaToken', permission: 'manage_settings', schema: z.object({}) },
  async (_input, user) => {
    const status = await saveMootaToken('', user.email);
    revalidatePath('/settings');
    revalidatePath('/webhooks');
    return status;
  },
);

/** Whether matched mutations are tagged at Moota with the order's reference. */
export const setMootaTaggingAction = defineAction(
  { name: 'setMootaTagging', permission: 'manage_settings', schema: z.object({ on: z.boolean() }) },
  async ({ on }, user) => {
    const settings = await saveSettings({ mootaTagMatched: on }, user.email);
    revalidatePath('/settings');
    return { on: settings.values.mootaTagMatched };
  },
);

export const createApiKeyAction = defineAction(
  { name: 'createApiKey', permission: 'manage_settings', schema: z.object({ name: z.string().max(200) }) },
  async ({ name }, user) => {
    const { key, apiKey } = await createApiKey(name, user.email);
    revalidatePath('/settings');
    return { key, id: apiKey.id, prefix: apiKey.prefix };
  },
);

export const revokeApiKeyAction = defineAction(
  { name: 'revokeApiKey', permission: 'manage_settings', schema: z.object({ id: z.string() }) },
  async ({ id }, user) => {
    await revokeApiKey(id, user.email);
    revalidatePath('/settings');
    return { revoked: true };
  },
);

export const createUserAction = defineAction(
  {
    name: 'createUser',
    permission: 'manage_users',
    schema: z.object({ email: z.string(), name: z.string().optional(), role: z.enum(ROLES), password: z.string() }),
  },
  async (input) => {
    const created = await createUser(input);
    revalidatePath('/settings');
    return { id: created.id, email: created.email };
  },
);

export const updateUserAction = defineAction(
  {
    name: 'updateUser',
    permission: 'manage_users',
    schema: z.object({ id: z.uuid(), role: z.enum(ROLES).optional(), disabled: z.boolean().optional() }),
  },
  async ({ id, role, disabled }) => {
    const updated = await updateUser(id, { role, disabled });
    revalidatePath('/settings');
    return { id: updated.id, email: updated.email, role: updated.role, disabled: updated.disabledAt !== null };
  },
);

export const savePayAccountsAction = defineAction(
  { name: 'savePayAccounts', permission: 'manage_settings', schema: z.object({ accounts: z.array(z.string().max(100)).max(20) }) },
  async ({ accounts }, user) => {
    const settings = await saveSettings({ payAccounts: accounts }, user.email);
    revalidatePath('/settings');
    return { accounts: settings.values.payAccounts };
  },
);
