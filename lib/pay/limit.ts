import { createRateLimit } from '@/lib/http/rate-limit';

/** Payment pages and their status, per caller address: an open page polls about 40 times a minute. */
export const payRequests = createRateLimit({ limit: 120, windowMs: 60_000 });
