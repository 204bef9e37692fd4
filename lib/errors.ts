import errorMessages from '@/lib/i18n/messages/errors';

/**
 * What kind of failure, for the answer's status: what the store API and the page do with it.
 * `upstream`: a service Cocok depends on (Moota) refused or failed; the caller's request was fine.
 */
export type ErrorKind = 'invalid' | 'not_found' | 'conflict' | 'unique_codes_exhausted' | 'forbidden' | 'upstream';

/** A message key under `errors.` in lib/i18n/messages/errors.ts. */
export type ErrorCode = keyof (typeof errorMessages)['en'];
export type ErrorParams = Record<string, string | number>;

/**
 * An expected failure a person or a caller can act on; anything else is a bug. It carries a code
 * and parameters, translated where it is shown (`errors.<code>`); its message is the English text,
 * for logs and the machine-facing APIs.
 */
export class DomainError extends Error {
  constructor(
    readonly kind: ErrorKind,
    readonly code: ErrorCode,
    readonly params: ErrorParams = {},
  ) {
    super(englishMessage(code, params));
    this.name = 'DomainError';
  }
}

/** Whether a stored code (a sync run's, say) names a message under `errors.`. */
export function isErrorCode(value: string | null | undefined): value is ErrorCode {
  return typeof value === 'string' && Object.hasOwn(errorMessages.en, value);
}

/**
 * A validation failure (zod's issues), naming the fields to check; an issue that carries its own
 * error code (`params.errorCode`, with the field as `{field}`) is told in those words.
 */
export function invalidFields(error: { issues: readonly { path: readonly PropertyKey[]; params?: Record<string, unknown> }[] }): DomainError {
  for (const issue of error.issues) {
    const code = issue.params?.errorCode;
    if (typeof code === 'string' && isErrorCode(code)) {
      return new DomainError('invalid', code, { ...(issue.params?.errorParams as ErrorParams), field: issue.path.map(String).join('.') || 'input' });
    }
  }
  const fields = [...new Set(error.issues.map((issue) => issue.path.map(String).join('.')).filter(Boolean))];
  return new DomainError('invalid', 'invalidFields', { fields: fields.join(', ') || '—' });
}

/** The English text of an error code, its `{name}` placeholders filled (English messages use no plural or select). */
export function englishMessage(code: ErrorCode, params: ErrorParams = {}): string {
  return errorMessages.en[code].replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match));
}

/** The unique constraint a Prisma error (through a driver adapter) says was violated, if any. */
export function violatedConstraint(error: unknown): string | null {
  const e = error as { code?: string; meta?: { target?: unknown; driverAdapterError?: { cause?: { constraint?: unknown } } } };
  if (e?.code !== 'P2002') return null;
  const constraint = e.meta?.driverAdapterError?.cause?.constraint;
  if (typeof constraint === 'string') return constraint;
  if (constraint && typeof constraint === 'object' && 'index' in constraint) return String((constraint as { index: unknown }).index);
  return typeof e.meta?.target === 'string' ? e.meta.target : 'unknown';
}

/** What went wrong as one piece of text, whatever was thrown. */
export function errorMessage(error: unknown): string {
  if (error instanceof Error) return error.message;
  if (typeof error === 'string') return error;
  try {
    return JSON.stringify(error) ?? String(error);
  } catch {
    return String(error);
  }
}
