import { z } from 'zod';
import { db, inTransaction } from '@/lib/db';
import { env } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { validateUniqueCodeRange } from '@/lib/reconcile/unique-code';
import { resolveSettings, SETTING_ENV, settingSchemas, type SettingKey, type Settings, type SettingValues } from '@/lib/settings/definitions';

const CACHE_MS = 1000;
let cache: { at: number; settings: Settings } | undefined;

/** The settings in force. Read often (every mutation), so kept for a second. */
export async function loadSettings(): Promise<Settings> {
  if (cache && Date.now() - cache.at < CACHE_MS) return cache.settings;
  const rows = await db().setting.findMany();
  const settings = resolveSettings(Object.fromEntries(rows.map((row) => [row.key, row.value])), env());
  cache = { at: Date.now(), settings };
  return settings;
}

/** Validates and stores settings changed by a person; one fixed by the environment cannot be changed. */
export async function saveSettings(changes: Partial<SettingValues>, actor: string): Promise<Settings> {
  const current = await loadSettings();
  const entries = Object.entries(changes) as [SettingKey, unknown][];
  for (const [key, value] of entries) {
    if (!(key in settingSchemas)) throw new DomainError('invalid', 'settingUnknown', { key });
    if (current.sources[key] === 'environment') {
      throw new DomainError('invalid', 'settingFixedByEnv', { key, variable: SETTING_ENV[key] ?? '' });
    }
    const parsed = (settingSchemas[key] as z.ZodType).safeParse(value);
    if (!parsed.success) throw new DomainError('invalid', 'settingInvalid', { key, details: parsed.error.issues[0]?.message ?? '' });
  }
  const merged = { ...current.values, ...changes };
  // The one way a range of valid numbers can still be wrong, said in the reader's words.
  if (merged.uniqueCodeMax < merged.uniqueCodeMin) {
    throw new DomainError('invalid', 'uniqueCodeRangeBackwards', { min: merged.uniqueCodeMin, max: merged.uniqueCodeMax });
  }
  try {
    validateUniqueCodeRange({ min: merged.uniqueCodeMin, max: merged.uniqueCodeMax });
  } catch (error) {
    throw new DomainError('invalid', 'uniqueCodeRangeInvalid', { details: (error as Error).message });
  }
  await inTransaction(async (tx) => {
    for (const [key, value] of entries) {
      await tx.setting.upsert({
        where: { key },
        create: { key, value: value as Prisma.InputJsonValue, updatedBy: actor },
        update: { value: value as Prisma.InputJsonValue, updatedBy: actor },
      });
    }
  });
  cache = undefined;
  return loadSettings();
}
