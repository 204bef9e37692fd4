import '@fontsource-variable/inter';
import type { ReactNode } from 'react';
import { Providers } from '@/components/providers';
import { NAV_ITEMS } from '@/components/shell/nav-items';
import { Sidebar } from '@/components/shell/sidebar';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/next/session';

export default async function DashboardLayout({ children }: { children: ReactNode }) {
  const user = await requireUser();
  return (
    <Providers>
      <div className="flex min-h-screen flex-col md:flex-row">
        <Sidebar items={NAV_ITEMS.filter((item) => can(user.role, item.permission))} email={user.email} role={user.role} />
        <main className="min-w-0 flex-1 p-4 md:p-8">{children}</main>
      </div>
    </Providers>
  );
}
