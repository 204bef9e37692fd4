'use server';

import { revalidatePath } from 'next/cache';
import { z } from 'zod';
import { checkAccountNow } from '@/lib/accounts/check-now';
import { setAccountSandbox } from '@/lib/accounts/store';
import { createMootaApi } from '@/lib/moota/api';
import { mootaConnection } from '@/lib/moota/connection';
import { defineAction } from '@/lib/next/action';

export const setAccountSandboxAction = defineAction(
  { name: 'setAccountSandbox', permission: 'manage_settings', schema: z.object({ accountId: z.uuid(), sandbox: z.boolean() }) },
  async ({ accountId, sandbox }, user) => {
    await setAccountSandbox(accountId, sandbox, user.email);
    revalidatePath('/', 'layout');
    return { sandbox };
  },
);

export const checkAccountNowAction = defineAction(
  { name: 'checkAccountNow', permission: 'sync', schema: z.object({ accountId: z.uuid() }) },
  async ({ accountId }) => {
    await checkAccountNow(accountId, async () => {
      const connection = await mootaConnection();
      return connection ? createMootaApi(connection) : null;
    });
    revalidatePath('/accounts');
    return {};
  },
);
