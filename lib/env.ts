import { z } from 'zod';
import { MOOTA_SENDER_ADDRESSES, parseAllowlist, type Allowlist } from '@/lib/moota/client-address';

const integer = (name: string, fallback: number, min: number, max: number) =>
  z
    .string()
    .trim()
    .default(String(fallback))
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
      if (text === undefined || text.trim() === '') return [];
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
    .default(MOOTA_SENDER_ADDRESSES.join(','))
    .transform((text, ctx): Allowlist => {
      try {
        return parseAllowlist(text);
      } catch (error) {
        ctx.addIssue({ code: 'custom', message: `MOOTA_ALLOWED_IPS: ${(error as Error).message}` });
        return z.NEVER;
      }
    }),
  TRUSTED_PROXY_HOPS: integer('TRUSTED_PROXY_HOPS', 0, 0, 10),
  WEBHOOK_MAX_BYTES: integer('WEBHOOK_MAX_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
  PORT: integer('PORT', 3000, 1, 65535),
  COCOK_WORKER: z.enum(['inline', 'off'], { message: 'COCOK_WORKER must be "inline" or "off"' }).default('inline'),
  COCOK_DATA_DIR: z.string().trim().default('.data'),
  COCOK_DATABASE_PORT: integer('COCOK_DATABASE_PORT', 54329, 1, 65535),
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
