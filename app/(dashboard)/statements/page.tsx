import { ClientMessages } from '@/components/client-messages';
import { PageHeader } from '@/components/ui/page-header';
import { Pager } from '@/components/ui/pager';
import { can } from '@/lib/auth/roles';
import { requireUser } from '@/lib/next/session';
import { listStatementImports, statementAccounts } from '@/lib/queries/statements';
import { pageParams } from '@/lib/search-params';
import { MAX_STATEMENT_CHARS } from '@/lib/statements/import';
import { getTranslations } from 'next-intl/server';
import { z } from 'zod';
import { ImportList } from './_components/import-list';
import { ImportStatement } from './_components/import-statement';

export async function generateMetadata() {
  return { title: (await getTranslations())('statements.title') };
}

export default async function StatementsPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const user = await requireUser('view', '/statements');
  const t = await getTranslations();
  const raw = await searchParams;
  const { cursor } = z.object(pageParams).parse({ cursor: typeof raw.cursor === 'string' ? raw.cursor : undefined });
  const [accounts, page] = await Promise.all([statementAccounts(), listStatementImports(cursor)]);
  return (
    <>
      <PageHeader title={t('statements.title')} description={t('statements.description')} />
      <div className="flex flex-col gap-6">
        {can(user.role, 'reconcile') && (
          <ClientMessages areas={['statements', 'errors']}>
            <ImportStatement accounts={accounts} maxMegabytes={MAX_STATEMENT_CHARS / 1024 / 1024} />
          </ClientMessages>
        )}
        <section aria-labelledby="statement-history">
          <h2 id="statement-history" className="mb-3 text-lg font-semibold text-slate-900 dark:text-slate-50">
            {t('statements.history')}
          </h2>
          <ImportList imports={page.items} />
          <Pager
            path="/statements"
            query={new URLSearchParams()}
            cursor={cursor ?? null}
            nextCursor={page.nextCursor}
            label={t('statements.pagination')}
            nextLabel={t('statements.nextPage')}
            firstLabel={t('statements.firstPage')}
          />
        </section>
      </div>
    </>
  );
}
