import { PrismaPg } from '@prisma/adapter-pg';
import { PrismaClient } from '@/lib/generated/prisma/client';
import { env } from '@/lib/env';

export type Db = PrismaClient;
export type Tx = Parameters<Parameters<PrismaClient['$transaction']>[0]>[0];

const globalForDb = globalThis as unknown as { cocokDb?: PrismaClient };

function createClient(): PrismaClient {
  const url = env().DATABASE_URL;
  if (!url) throw new Error('DATABASE_URL is not set: start Cocok with `npm start`, or set it to your PostgreSQL server');
  return new PrismaClient({ adapter: new PrismaPg({ connectionString: url, max: 20 }) });
}

/** The one Prisma client of this process. */
export function db(): PrismaClient {
  globalForDb.cocokDb ??= createClient();
  return globalForDb.cocokDb;
}
