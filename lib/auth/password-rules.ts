import { DomainError } from '@/lib/errors';

export const MIN_PASSWORD_LENGTH = 10;
export const MAX_PASSWORD_LENGTH = 200;

/** What is wrong with a new password, or null. Plain so that forms in the browser can use it too. */
export function passwordProblem(password: string): DomainError | null {
  if (password.length < MIN_PASSWORD_LENGTH) return new DomainError('invalid', 'passwordTooShort', { min: MIN_PASSWORD_LENGTH });
  if (password.length > MAX_PASSWORD_LENGTH) return new DomainError('invalid', 'passwordTooLong', { max: MAX_PASSWORD_LENGTH });
  return null;
}
