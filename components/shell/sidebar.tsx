'use client';

import Link, { useLinkStatus } from 'next/link';
import { usePathname } from 'next/navigation';
import { useState } from 'react';
import { signOutAction } from '@/app/actions';
import { useTranslations } from 'next-intl';
import { LanguageSwitch } from '@/components/shell/language-switch';
import type { NavItem } from '@/components/shell/nav-items';
import type { Role } from '@/lib/auth/roles';

/** A pulsing dot on the link being followed while its page loads (pages answer only once ready). */
function PendingMark() {
  const { pending } = useLinkStatus();
  return pending ? <span aria-hidden="true" className="ml-2 inline-block h-2 w-2 animate-pulse rounded-full bg-emerald-600 align-middle" /> : null;
}

export function Sidebar({ items, email, role }: { items: NavItem[]; email: string; role: Role }) {
  const t = useTranslations();
  const pathname = usePathname();
  const [open, setOpen] = useState(false);
  const active = (href: string) => (href === '/' ? pathname === '/' : pathname === href || pathname.startsWith(`${href}/`));
  return (
    <aside className="border-b border-slate-200 bg-white md:min-h-screen md:w-60 md:shrink-0 md:border-b-0 md:border-r dark:border-slate-800 dark:bg-slate-900">
      <div className="flex items-center justify-between px-4 py-3">
        <Link href="/" className="text-lg font-bold text-emerald-800 dark:text-emerald-400">
          Cocok
        </Link>
        <button
          type="button"
          className="rounded-md px-2 py-1 text-sm md:hidden"
          aria-expanded={open}
          aria-controls="main-menu"
          onClick={() => setOpen((value) => !value)}
        >
          {t('nav.menu')}
        </button>
      </div>
      <nav id="main-menu" aria-label={t('nav.menu')} className={`${open ? 'block' : 'hidden'} md:block`}>
        <ul className="flex flex-col gap-0.5 px-2 pb-2">
          {items.map((item) => (
            <li key={item.href}>
              <Link
                href={item.href}
                aria-current={active(item.href) ? 'page' : undefined}
                onClick={() => setOpen(false)}
                className={`block rounded-md px-3 py-2 text-sm font-medium ${
                  active(item.href)
                    ? 'bg-emerald-50 text-emerald-900 dark:bg-emerald-900/30 dark:text-emerald-200'
                    : 'text-slate-700 hover:bg-slate-100 dark:text-slate-300 dark:hover:bg-slate-800'
                }`}
              >
                {t(item.label)}
                <PendingMark />
              </Link>
            </li>
          ))}
        </ul>
        <div className="flex flex-col gap-3 border-t border-slate-200 px-4 py-4 text-sm dark:border-slate-800">
          <p className="truncate text-slate-600 dark:text-slate-400" title={email}>
            {email} · {t(`common.role.${role}`)}
          </p>
          <LanguageSwitch />
          <form action={signOutAction}>
            <button type="submit" className="text-sm font-medium text-slate-700 underline hover:text-slate-900 dark:text-slate-300">
              {t('common.signOut')}
            </button>
          </form>
        </div>
      </nav>
    </aside>
  );
}
