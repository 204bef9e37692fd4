import { execFileSync } from 'node:child_process';
import { test as setup, expect } from '@playwright/test';
import { NODE_SCRIPT_ARGS } from '@/lib/runtime/node-script';
import { storageStateOf, type TestRole } from './support/fixtures';

const ACCOUNTS: Record<TestRole, { email: string; password: string }> = {
  owner: { email: 'owner@cocok.local', password: 'cocok-owner' },
  finance: { email: 'finance@cocok.local', password: 'cocok-finance' },
  viewer: { email: 'viewer@cocok.local', password: 'cocok-viewer-e2e' },
};

setup('an operator adds a viewer with npm run user:create', () => {
  const output = execFileSync(
    process.execPath,
    [...NODE_SCRIPT_ARGS, 'scripts/user-create.ts', '--email', ACCOUNTS.viewer.email, '--role', 'viewer', '--password', ACCOUNTS.viewer.password],
    { env: { ...process.env, COCOK_DATA_DIR: process.env.E2E_DATA_DIR, COCOK_DATABASE_PORT: process.env.E2E_DATABASE_PORT }, encoding: 'utf8' },
  );
  expect(output).toContain('Created viewer viewer@cocok.local');
});

for (const role of ['owner', 'finance', 'viewer'] as const) {
  setup(`sign in as ${role}`, async ({ page }) => {
    await page.goto('/login');
    await page.getByLabel(/email/i).fill(ACCOUNTS[role].email);
    await page.getByLabel(/kata sandi|password/i).fill(ACCOUNTS[role].password);
    await page.getByRole('button', { name: /masuk|sign in/i }).click();
    await expect(page.getByRole('navigation')).toBeVisible();
    await page.context().storageState({ path: storageStateOf(role) });
  });
}
