export type DomainErrorCode = 'invalid' | 'not_found' | 'conflict' | 'unique_codes_exhausted' | 'forbidden';

/** An expected failure with a message a person can act on; anything else is a bug. */
export class DomainError extends Error {
  constructor(
    readonly code: DomainErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'DomainError';
  }
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
