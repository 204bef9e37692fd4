import { headers } from 'next/headers';

/** The address the visitor reached this page at, for links they will hand to someone else (a customer's payment link). */
export async function pageOrigin(): Promise<string> {
  const list = await headers();
  const host = list.get('x-forwarded-host') ?? list.get('host') ?? 'localhost';
  const proto = list.get('x-forwarded-proto')?.split(',')[0]?.trim() ?? 'http';
  return `${proto}://${host}`;
}
