import { env } from '@/lib/env';

/** The documented secret of the demo start; never used when MOOTA_WEBHOOK_SECRET is set. */
export const DEMO_WEBHOOK_SECRET = 'cocok-demo-secret';
export const LOOPBACK_ADDRESSES = ['127.0.0.1', '::1'];

export const DEMO_USERS = [
  { email: 'owner@cocok.local', password: 'cocok-owner', role: 'owner', name: 'Pemilik Toko' },
  { email: 'finance@cocok.local', password: 'cocok-finance', role: 'finance', name: 'Staf Keuangan' },
] as const;

/** The demo start (embedded database, no configured secret): shows the demo accounts on the sign-in form. */
export function isDemo(): boolean {
  return env().COCOK_DEMO === 'true';
}
