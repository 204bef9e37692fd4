import js from '@eslint/js';
import { defineConfig } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const DATABASE_MODULE = /^(@\/lib\/db|@\/lib\/database(\/.*)?|@\/lib\/generated(\/.*)?|pg|pg-boss|@prisma\/.*)$/;

/**
 * A client component (a file that starts with 'use client') or anything in components/ ships to
 * the browser: it must not import the database. Type-only imports are erased, so they may.
 */
const noDatabaseInClient = {
  meta: {
    type: 'problem',
    messages: {
      database: "'{{source}}' is a database module: the browser cannot import it. Ask a server component, route or action instead.",
    },
    schema: [],
  },
  create(context) {
    const body = context.sourceCode.ast.body;
    const isClientComponent = body.some((statement) => statement.directive === 'use client');
    const inComponents = context.filename.startsWith(`${context.cwd}/components/`);
    if (!isClientComponent && !inComponents) return {};
    const check = (node) => {
      if (node.importKind === 'type' || node.exportKind === 'type' || !node.source) return;
      const source = node.source.value;
      if (typeof source === 'string' && DATABASE_MODULE.test(source)) context.report({ node, messageId: 'database', data: { source } });
    };
    return { ImportDeclaration: check, ExportNamedDeclaration: check, ExportAllDeclaration: check, ImportExpression: check };
  },
};

export default defineConfig(
  { ignores: ['.next/', 'node_modules/', 'lib/generated/', 'test-results/', 'playwright-report/', 'bench/results/', 'next-env.d.ts'] },
  js.configs.recommended,
  tseslint.configs.recommended,
  {
    plugins: { cocok: { rules: { 'no-database-in-client': noDatabaseInClient } } },
    rules: { 'cocok/no-database-in-client': 'error' },
  },
  // Only React code: Playwright's fixtures also call a function named `use`.
  { files: ['app/**/*.{ts,tsx}', 'components/**/*.{ts,tsx}'], ...reactHooks.configs.flat.recommended },
  {
    files: ['lib/**'],
    ignores: ['lib/next/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: '^(next|react)[\\w-]*(/.*)?$',
              message: 'lib/ is plain TypeScript: only lib/next/ may import the framework (next, next-auth, next-intl, react).',
            },
          ],
        },
      ],
    },
  },
);
