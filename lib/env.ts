import { z } from 'zod';
import { parseAllowlist } from '@/lib/moota/client-address';

const integer = (name: string, min: number, max: number) =>
  z
    .string()
    .trim()
    .transform((text, ctx) => {
      const value = Number(text);
      if (!/^\d+$/.test(text) || value < min || value > max) {
        ctx.addIssue({ code: 'custom', message: `${name} must be a whole number from ${min} to ${max}, got "${text}"` });
        return z.NEVER;
      }
      return value;
    });

const schema = z.object({
  DATABASE_URL: z
    .string()
    .trim()
    .optional()
    .refine((url) => url === undefined || url === '' || /^postgres(ql)?:\/\//.test(url), {
      message: 'DATABASE_URL must be a postgres:// or postgresql:// connection string',
    })
    .transform((url) => url || undefined),
  MOOTA_WEBHOOK_SECRET: z
    .string()
    .optional()
    .transform((text, ctx) => {
      if (text === undefined) return undefined;
      if (text.trim() === '') return [];
      const secrets = text.split(',').map((s) => s.trim());
      if (secrets.length > 2 || secrets.some((s) => s.length < 8)) {
        ctx.addIssue({
          code: 'custom',
          message: 'MOOTA_WEBHOOK_SECRET must be one secret, or two separated by a comma while rotating, each at least 8 characters',
        });
        return z.NEVER;
      }
      return secrets;
    }),
  MOOTA_ALLOWED_IPS: z
    .string()
    .trim()
    .optional()
    .superRefine((text, ctx) => {
      if (text === undefined) return;
      try {
        parseAllowlist(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `MOOTA_ALLOWED_IPS: ${(error as Error).message}` });
      }
    }),
  MOOTA_API_URL: z.url({ protocol: /^https?$/, message: 'MOOTA_API_URL must be an http:// or https:// URL' }).default('https://app.moota.co/api/v2'),
  MOOTA_API_TOKEN: z.string().trim().min(16, 'MOOTA_API_TOKEN must be the whole token from Moota (at least 16 characters)').optional(),
  MOOTA_SYNC_MINUTES: integer('MOOTA_SYNC_MINUTES', 1, 1440)
    .refine((minutes) => minutes < 60 || minutes % 60 === 0, { message: 'MOOTA_SYNC_MINUTES must be below 60 or whole hours (60, 120, …)' })
    .default(15),
  MOOTA_SYNC_DAYS: integer('MOOTA_SYNC_DAYS', 1, 31).default(2),
  TRUSTED_PROXY_HOPS: integer('TRUSTED_PROXY_HOPS', 0, 10).optional(),
  WEBHOOK_MAX_BYTES: integer('WEBHOOK_MAX_BYTES', 1024, 64 * 1024 * 1024).default(1024 * 1024),
  // Moota waits 5 s: what the webhook has for the database, leaving a second for the network.
  WEBHOOK_DATABASE_MS: integer('WEBHOOK_DATABASE_MS', 100, 60_000).default(4000),
  DATABASE_CONNECT_TIMEOUT_MS: integer('DATABASE_CONNECT_TIMEOUT_MS', 100, 60_000).default(2000),
  DATABASE_STATEMENT_TIMEOUT_MS: integer('DATABASE_STATEMENT_TIMEOUT_MS', 1000, 3_600_000).default(60_000),
  DATABASE_IDLE_TIMEOUT_MS: integer('DATABASE_IDLE_TIMEOUT_MS', 1000, 3_600_000).default(10_000),
  STORE_CALLBACK_URL: z.url({ protocol: /^https?$/, message: 'STORE_CALLBACK_URL must be an http:// or https:// URL' }).optional(),
  STORE_CALLBACK_SECRET: z.string().min(16, 'STORE_CALLBACK_SECRET must be at least 16 characters').optional(),
  STORE_API_KEYS: z
    .string()
    .optional()
    .transform((text, ctx) => {
      const keys = (text ?? '')
        .split(',')
        .map((key) => key.trim())
        .filter(Boolean);
      if (keys.some((key) => key.length < 24)) {
        ctx.addIssue({ code: 'custom', message: 'STORE_API_KEYS must be comma-separated keys of at least 24 characters each' });
        return z.NEVER;
      }
      return keys;
    }),
  AUTH_SECRET: z.string().min(32, 'AUTH_SECRET must be at least 32 characters (e.g. `openssl rand -base64 32`)').optional(),
  PORT: integer('PORT', 1, 65535).default(3000),
  COCOK_WORKER: z.enum(['on', 'off'], { message: 'COCOK_WORKER must be "on" or "off"' }).default('on'),
  COCOK_DEMO: z.enum(['true', 'false'], { message: 'COCOK_DEMO must be "true" or "false"' }).optional(),
  COCOK_DATA_DIR: z.string().trim().default('.data'),
  COCOK_DATABASE_PORT: integer('COCOK_DATABASE_PORT', 1, 65535).default(54329),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'EnvError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (!result.success) throw new EnvError(result.error.issues.map((issue) => issue.message));
  return result.data;
}

let cached: Env | undefined;

/** The validated configuration of this process; read once. */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}
