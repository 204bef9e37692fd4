/** How the match bench is set up: its ports, sizes, the webhook secret, and what the product does that it compares with. */
import { randomBytes } from 'node:crypto';

export const DATABASE_PORT = 55650;
export const SERVER_PORT = 3997;
export const MUTATIONS_PER_DELIVERY = 100;
export const PARALLEL_DELIVERIES = 4;
export const POLL_MS = 250;
export const PROFILE_WAKE_MS = 100;
/** What lib/runtime/worker-process.ts gives the worker beside the web server. */
export const PRODUCT_WORKER_NICE = 10;
export const PAID_POLL_MS = 2;
export const LATENCY_WARMUP = 3;
export const TARGET_RATIO = 20;
export const TARGET_MEDIAN_MS = 50;
export const SEED = 20_261_128;
export const SECRET = `bench-${randomBytes(12).toString('hex')}`;
