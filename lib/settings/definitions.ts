import { z } from 'zod';
import type { Env } from '@/lib/env';
import { MOOTA_SENDER_ADDRESSES, parseAllowlist, type Allowlist } from '@/lib/moota/client-address';
import { DEFAULT_MATCH_SETTINGS, type MatchSettings } from '@/lib/reconcile/decide';
import { DEFAULT_UNIQUE_CODE_RANGE, validateUniqueCodeRange, type UniqueCodeRange } from '@/lib/reconcile/unique-code';

/** What can be changed in the dashboard, as stored (JSON) and as validated. */
export const settingSchemas = {
  webhookSecrets: z
    .array(z.string().trim().min(8, 'a webhook secret must be at least 8 characters'))
    .max(2, 'at most two webhook secrets are active at once (while rotating)'),
  allowedIps: z
    .string()
    .trim()
    .refine(
      (text) => {
        try {
          parseAllowlist(text);
          return true;
        } catch {
          return false;
        }
      },
      { message: 'allowed addresses must be IP addresses or CIDR ranges separated by commas, or *' },
    ),
  trustedProxyHops: z.number().int().min(0).max(10),
  uniqueCodeMin: z.number().int().min(0).max(99_999),
  uniqueCodeMax: z.number().int().min(0).max(99_999),
  orderExpiryMinutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 90),
  matchWindowDays: z.number().int().min(1).max(365),
  lateOrderMinutes: z
    .number()
    .int()
    .min(0)
    .max(60 * 24 * 7),
  underpaidTolerance: z.number().int().min(0).max(1_000_000),
  overpaidTolerance: z.number().int().min(0).max(1_000_000),
  closedAmountHoldDays: z.number().int().min(0).max(365),
  storeCallbackUrl: z.union([z.literal(''), z.url({ protocol: /^https?$/, message: 'the store callback must be an http:// or https:// URL' })]),
  mootaTagMatched: z.boolean(),
  storeCallbackSecret: z.union([z.literal(''), z.string().min(16, 'the callback secret must be at least 16 characters')]),
  /** The shop's name as its customers know it, on their payment page. */
  storeName: z.string().trim().max(100, 'the store name is at most 100 characters'),
  /** The accounts a customer's payment page offers (Moota bank ids); none chosen: every account that is not a sandbox. */
  payAccounts: z.array(z.string().trim().min(1).max(100)).max(20, 'a payment page offers at most 20 accounts'),
} as const;

export type SettingKey = keyof typeof settingSchemas;
export type SettingValues = { [K in SettingKey]: z.infer<(typeof settingSchemas)[K]> };
export type SettingSource = 'environment' | 'database' | 'default';

export const SETTING_DEFAULTS: SettingValues = {
  webhookSecrets: [],
  allowedIps: MOOTA_SENDER_ADDRESSES.join(','),
  trustedProxyHops: 0,
  uniqueCodeMin: DEFAULT_UNIQUE_CODE_RANGE.min,
  uniqueCodeMax: DEFAULT_UNIQUE_CODE_RANGE.max,
  orderExpiryMinutes: 24 * 60,
  matchWindowDays: DEFAULT_MATCH_SETTINGS.windowDays,
  lateOrderMinutes: DEFAULT_MATCH_SETTINGS.lateOrderMinutes,
  underpaidTolerance: Number(DEFAULT_MATCH_SETTINGS.underpaidTolerance),
  overpaidTolerance: Number(DEFAULT_MATCH_SETTINGS.overpaidTolerance),
  closedAmountHoldDays: DEFAULT_MATCH_SETTINGS.closedAmountHoldDays,
  storeCallbackUrl: '',
  storeCallbackSecret: '',
  mootaTagMatched: false,
  storeName: '',
  payAccounts: [],
};

/** The environment variable that fixes a setting, where there is one. */
export const SETTING_ENV: Partial<Record<SettingKey, keyof Env>> = {
  webhookSecrets: 'MOOTA_WEBHOOK_SECRET',
  allowedIps: 'MOOTA_ALLOWED_IPS',
  trustedProxyHops: 'TRUSTED_PROXY_HOPS',
  storeCallbackUrl: 'STORE_CALLBACK_URL',
  storeCallbackSecret: 'STORE_CALLBACK_SECRET',
};

export interface Settings {
  values: SettingValues;
  sources: Record<SettingKey, SettingSource>;
  webhook: { secrets: string[]; allowlist: Allowlist; trustedProxyHops: number };
  uniqueCodeRange: UniqueCodeRange;
  orderExpiryMinutes: number;
  match: MatchSettings;
  storeCallback: { url: string; secret: string } | null;
}

/**
 * The settings in force: an environment variable wins over the dashboard's value, which wins
 * over the default. Stored values that no longer validate fall back to the default.
 */
export function resolveSettings(stored: Readonly<Record<string, unknown>>, env: Env): Settings {
  const values = {} as Record<SettingKey, unknown>;
  const sources = {} as Record<SettingKey, SettingSource>;
  for (const key of Object.keys(settingSchemas) as SettingKey[]) {
    const envName = SETTING_ENV[key];
    const fromEnv = envName === undefined ? undefined : env[envName];
    const fromDatabase = settingSchemas[key].safeParse(stored[key]);
    if (fromEnv !== undefined) {
      values[key] = fromEnv;
      sources[key] = 'environment';
    } else if (key in stored && fromDatabase.success) {
      values[key] = fromDatabase.data;
      sources[key] = 'database';
    } else {
      values[key] = SETTING_DEFAULTS[key];
      sources[key] = 'default';
    }
  }
  const v = values as SettingValues;
  const uniqueCodeRange = { min: v.uniqueCodeMin, max: v.uniqueCodeMax };
  validateUniqueCodeRange(uniqueCodeRange);
  return {
    values: v,
    sources,
    webhook: { secrets: v.webhookSecrets, allowlist: parseAllowlist(v.allowedIps), trustedProxyHops: v.trustedProxyHops },
    uniqueCodeRange,
    orderExpiryMinutes: v.orderExpiryMinutes,
    match: {
      windowDays: v.matchWindowDays,
      lateOrderMinutes: v.lateOrderMinutes,
      underpaidTolerance: BigInt(v.underpaidTolerance),
      overpaidTolerance: BigInt(v.overpaidTolerance),
      closedAmountHoldDays: v.closedAmountHoldDays,
    },
    storeCallback: v.storeCallbackUrl && v.storeCallbackSecret ? { url: v.storeCallbackUrl, secret: v.storeCallbackSecret } : null,
  };
}
