import { describe, expect, test } from 'vitest';
import { can, isRole, type Permission, type Role } from '@/lib/auth/roles';

describe('can', () => {
  test.each<[Role, Permission, boolean]>([
    ['owner', 'manage_settings', true],
    ['owner', 'view_revenue', true],
    ['owner', 'manage_users', true],
    ['finance', 'reconcile', true],
    ['finance', 'manage_orders', true],
    ['finance', 'reprocess_webhooks', true],
    ['finance', 'manage_settings', false],
    ['finance', 'manage_users', false],
    ['finance', 'view_revenue', false],
    ['viewer', 'view', true],
    ['viewer', 'reconcile', false],
    ['viewer', 'manage_orders', false],
    ['viewer', 'reprocess_webhooks', false],
  ])('%s may %s: %s', (role, permission, allowed) => {
    expect(can(role, permission)).toBe(allowed);
  });

  test.each([
    ['owner', true],
    ['finance', true],
    ['viewer', true],
    ['admin', false],
    ['', false],
    [null, false],
  ])('isRole(%j) is %s', (value, expected) => {
    expect(isRole(value)).toBe(expected);
  });
});
