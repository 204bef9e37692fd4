import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { createUser } from '@/lib/auth/users';
import { applyMigrations } from '@/lib/database/migrate';
import { EnvError } from '@/lib/env';
import { DomainError } from '@/lib/errors';
import { commandDatabase } from '@/lib/runtime/command-database';

const USAGE = 'usage: npm run user:create -- --email EMAIL --role owner|finance|viewer [--name NAME] [--password PASSWORD]';

/** `npm run user:create`: adds a person who can sign in; without --password one is made and shown once. */
async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      options: { email: { type: 'string' }, role: { type: 'string' }, name: { type: 'string' }, password: { type: 'string' } },
      strict: true,
    }));
  } catch (error) {
    console.error(`${(error as Error).message}\n${USAGE}`);
    return 2;
  }
  if (!values.email || !values.role) {
    console.error(USAGE);
    return 2;
  }
  const password = values.password ?? randomBytes(12).toString('base64url');
  const database = await commandDatabase(path.resolve(import.meta.dirname, '..'));
  try {
    await applyMigrations(database.url);
    const user = await createUser({ email: values.email, role: values.role, name: values.name, password });
    console.log(`Created ${user.role} ${user.email}${values.password ? '' : ` with password ${password} (shown once)`}`);
    return 0;
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(error.message);
      return 1;
    }
    throw error;
  } finally {
    await database.stop();
  }
}

main()
  .then((code) => process.exit(code))
  .catch((error) => {
    console.error(error instanceof EnvError ? `[cocok] ${error.message}` : error);
    process.exit(1);
  });
