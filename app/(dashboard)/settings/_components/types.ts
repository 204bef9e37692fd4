/** What the settings page hands its client components: plain strings, never a stored secret. */
export type FieldKey =
  | 'allowedIps'
  | 'trustedProxyHops'
  | 'uniqueCodeMin'
  | 'uniqueCodeMax'
  | 'orderExpiryMinutes'
  | 'matchWindowDays'
  | 'lateOrderMinutes'
  | 'underpaidTolerance'
  | 'overpaidTolerance'
  | 'closedAmountHoldDays'
  | 'storeCallbackUrl'
  | 'storeName';

export interface FieldSpec {
  key: FieldKey;
  type: 'number' | 'text';
}

/** The environment variable fixing each setting that one fixes; absent keys are editable. */
export type EnvNames = Partial<Record<string, string>>;

export interface MaskedSecret {
  fingerprint: string;
  masked: string;
}

export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

export interface UserView {
  id: string;
  email: string;
  name: string | null;
  role: 'owner' | 'finance' | 'viewer';
  disabled: boolean;
  lastLoginAt: string | null;
}

/** What Settings shows of the Moota API token: where it comes from and its last 4 characters. */
export interface MootaTokenView {
  source: 'environment' | 'settings' | 'none';
  last4: string | null;
  unreadable: boolean;
}
