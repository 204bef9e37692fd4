import { createHash } from 'node:crypto';
import { DomainError } from '@/lib/errors';

/** How a secret is shown once stored: its length hidden, only its last four characters. */
export function maskSecret(secret: string): string {
  return secret.length <= 8 ? '••••••••' : `••••••••${secret.slice(-4)}`;
}

/** A stable name for a stored secret, so the page can point at one without ever holding it. */
export function secretFingerprint(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex').slice(0, 16);
}

/**
 * Rotation, step one: a second secret is added beside the first, so Moota can be switched over
 * while calls signed with either are accepted.
 */
export function addWebhookSecret(current: readonly string[], secret: string): string[] {
  const trimmed = secret.trim();
  if (current.includes(trimmed)) throw new DomainError('invalid', 'secretAlreadyActive');
  if (current.length >= 2) throw new DomainError('invalid', 'twoSecretsActive');
  return [...current, trimmed];
}

/** Rotation, step two: the old secret goes. The last one stays, or every call would be refused. */
export function removeWebhookSecret(current: readonly string[], fingerprint: string): string[] {
  const kept = current.filter((secret) => secretFingerprint(secret) !== fingerprint);
  if (kept.length === current.length) throw new DomainError('invalid', 'secretNotActive');
  if (kept.length === 0) throw new DomainError('invalid', 'lastSecret');
  return kept;
}
