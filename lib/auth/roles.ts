export const ROLES = ['owner', 'finance', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export type Permission = 'view' | 'reconcile' | 'manage_orders' | 'reprocess_webhooks' | 'sync' | 'view_revenue' | 'manage_settings' | 'manage_users';

const GRANTS: Record<Role, ReadonlySet<Permission>> = {
  owner: new Set(['view', 'reconcile', 'manage_orders', 'reprocess_webhooks', 'sync', 'view_revenue', 'manage_settings', 'manage_users']),
  finance: new Set(['view', 'reconcile', 'manage_orders', 'reprocess_webhooks', 'sync']),
  viewer: new Set(['view']),
};

/** What a role may do. Pages hide what a role cannot do; the server checks this on every request. */
export function can(role: Role, permission: Permission): boolean {
  return GRANTS[role].has(permission);
}

export function isRole(value: unknown): value is Role {
  return typeof value === 'string' && (ROLES as readonly string[]).includes(value);
}
