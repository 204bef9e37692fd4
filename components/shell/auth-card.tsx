import type { ReactNode } from 'react';
import { LanguageSwitch } from '@/components/shell/language-switch';

export function AuthCard({ title, children }: { title: string; children: ReactNode }) {
  return (
    <main className="flex min-h-screen flex-col items-center justify-center gap-6 p-4">
      <div className="w-full max-w-sm rounded-lg border border-slate-200 bg-white p-6 shadow-sm dark:border-slate-700 dark:bg-slate-900">
        <p className="text-lg font-bold text-emerald-800 dark:text-emerald-400">Cocok</p>
        <h1 className="mb-4 mt-1 text-xl font-semibold">{title}</h1>
        {children}
      </div>
      <LanguageSwitch />
    </main>
  );
}
