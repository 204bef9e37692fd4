import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-rules';
import { ROLES, type Role } from '@/lib/auth/roles';
import { db, inTransaction } from '@/lib/db';
import { DomainError, invalidFields, violatedConstraint } from '@/lib/errors';
import { storableTextSchema } from '@/lib/text';

export const newUserSchema = z.object({
  email: z.email('enter a valid email address').trim().toLowerCase(),
  name: z
    .string()
    .trim()
    .pipe(storableTextSchema(100))
    .optional()
    .transform((name) => name || null),
  password: z.string(),
  role: z.enum(ROLES),
});

export interface SafeUser {
  id: string;
  email: string;
  name: string | null;
  role: Role;
  createdAt: Date;
  disabledAt: Date | null;
  lastLoginAt: Date | null;
}

const SAFE = { id: true, email: true, name: true, role: true, createdAt: true, disabledAt: true, lastLoginAt: true } as const;

export async function createUser(input: unknown): Promise<SafeUser> {
  const parsed = newUserSchema.safeParse(input);
  if (!parsed.success) {
    if (parsed.error.issues.some((issue) => issue.path[0] === 'email')) throw new DomainError('invalid', 'emailInvalid');
    throw invalidFields(parsed.error);
  }
  const problem = passwordProblem(parsed.data.password);
  if (problem) throw problem;
  const { email, name, password, role } = parsed.data;
  try {
    return await db().user.create({ data: { email, name, role, passwordHash: await hashPassword(password) }, select: SAFE });
  } catch (error) {
    if (violatedConstraint(error)) throw new DomainError('conflict', 'userExists', { email });
    throw error;
  }
}

export async function countUsers(): Promise<number> {
  return db().user.count();
}

export async function listUsers(): Promise<SafeUser[]> {
  return db().user.findMany({ select: SAFE, orderBy: { createdAt: 'asc' } });
}

/** The person a session belongs to, while the account is active and the session's version is still theirs. */
export async function findSignedInUser(id: string, sessionVersion: number): Promise<SafeUser | null> {
  return db().user.findFirst({ where: { id, disabledAt: null, sessionVersion }, select: SAFE });
}

/**
 * Ends every session of this person, on every device. Given the version of the session asking,
 * only while that session is still current: a revoked cookie cannot end the sessions that came after it.
 */
export async function endSessions(id: string, fromVersion?: number): Promise<void> {
  await db().user.updateMany({ where: { id, sessionVersion: fromVersion }, data: { sessionVersion: { increment: 1 } } });
}

/** A new password; every session signed in with the old one ends. */
export async function setPassword(id: string, password: string): Promise<void> {
  const problem = passwordProblem(password);
  if (problem) throw problem;
  const { count } = await db().user.updateMany({
    where: { id },
    data: { passwordHash: await hashPassword(password), sessionVersion: { increment: 1 } },
  });
  if (count === 0) throw new DomainError('not_found', 'userNotFound');
}

/** Changes a role or disables a user, ending their sessions; the last active owner stays an active owner. */
export async function updateUser(id: string, change: { role?: Role; disabled?: boolean }): Promise<SafeUser> {
  return inTransaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: SAFE });
    if (!user) throw new DomainError('not_found', 'userNotFound');
    const losesOwner = user.role === 'owner' && !user.disabledAt && ((change.role && change.role !== 'owner') || change.disabled);
    if (losesOwner) {
      const owners = await tx.user.count({ where: { role: 'owner', disabledAt: null } });
      if (owners <= 1) throw new DomainError('conflict', 'lastOwner');
    }
    const endsSessions = (change.role !== undefined && change.role !== user.role) || change.disabled === true;
    return tx.user.update({
      where: { id },
      data: {
        role: change.role,
        disabledAt: change.disabled === undefined ? undefined : change.disabled ? new Date() : null,
        sessionVersion: endsSessions ? { increment: 1 } : undefined,
      },
      select: SAFE,
    });
  });
}
