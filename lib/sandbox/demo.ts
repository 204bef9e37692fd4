/** The documented secret of the demo start; never used when MOOTA_WEBHOOK_SECRET is set. */
export const DEMO_WEBHOOK_SECRET = 'cocok-demo-secret';
export const LOOPBACK_ADDRESSES = ['127.0.0.1', '::1'];
