import { z } from 'zod';
import { hashPassword } from '@/lib/auth/password';
import { passwordProblem } from '@/lib/auth/password-rules';
import { ROLES, type Role } from '@/lib/auth/roles';
import { db, inTransaction } from '@/lib/db';
import { DomainError, invalidFields, violatedConstraint } from '@/lib/errors';
import { storableText } from '@/lib/text';

export const newUserSchema = z.object({
  email: z.email('enter a valid email address').trim().toLowerCase(),
  name: z
    .string()
    .trim()
    .pipe(storableText(100))
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

export async function findActiveUser(id: string): Promise<SafeUser | null> {
  return db().user.findFirst({ where: { id, disabledAt: null }, select: SAFE });
}

/** Changes a role or disables a user; the last active owner stays an active owner. */
export async function updateUser(id: string, change: { role?: Role; disabled?: boolean }): Promise<SafeUser> {
  return inTransaction(async (tx) => {
    const user = await tx.user.findUnique({ where: { id }, select: SAFE });
    if (!user) throw new DomainError('not_found', 'userNotFound');
    const losesOwner = user.role === 'owner' && !user.disabledAt && ((change.role && change.role !== 'owner') || change.disabled);
    if (losesOwner) {
      const owners = await tx.user.count({ where: { role: 'owner', disabledAt: null } });
      if (owners <= 1) throw new DomainError('conflict', 'lastOwner');
    }
    return tx.user.update({
      where: { id },
      data: {
        role: change.role,
        disabledAt: change.disabled === undefined ? undefined : change.disabled ? new Date() : null,
      },
      select: SAFE,
    });
  });
}
