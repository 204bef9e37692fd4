import { createRateLimit } from '@/lib/http/rate-limit';

/**
 * Payment pages and their status per caller address, a minute at a time. An open page polls about
 * 86 times a minute; many customers of Indonesian mobile carriers share one address (carrier NAT),
 * so the limit stops one caller hammering, not a busy evening.
 */
export const PAY_REQUESTS_PER_MINUTE = 1_200;

export const payRequests = createRateLimit({ limit: PAY_REQUESTS_PER_MINUTE, windowMs: 60_000 });
