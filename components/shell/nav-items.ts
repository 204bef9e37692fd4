import type { Permission } from '@/lib/auth/roles';
import type { MessageKey } from '@/lib/i18n/messages';

export interface NavItem {
  href: string;
  label: MessageKey;
  permission: Permission;
}

/** The dashboard's pages, in the order of the menu; `label` is a message key. */
export const NAV_ITEMS: NavItem[] = [
  { href: '/', label: 'nav.overview', permission: 'view' },
  { href: '/unmatched', label: 'nav.unmatched', permission: 'view' },
  { href: '/orders', label: 'nav.orders', permission: 'view' },
  { href: '/mutations', label: 'nav.mutations', permission: 'view' },
  { href: '/cash-flow', label: 'nav.cashFlow', permission: 'view' },
  { href: '/revenue', label: 'nav.revenue', permission: 'view_revenue' },
  { href: '/differences', label: 'nav.differences', permission: 'view' },
  { href: '/accounts', label: 'nav.accounts', permission: 'view' },
  { href: '/statements', label: 'nav.statements', permission: 'view' },
  { href: '/webhooks', label: 'nav.webhooks', permission: 'view' },
  { href: '/sandbox', label: 'nav.sandbox', permission: 'reconcile' },
  { href: '/settings', label: 'nav.settings', permission: 'manage_settings' },
];
