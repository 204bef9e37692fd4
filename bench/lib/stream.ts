/** A steady stream of signed deliveries from several senders, every answer kept: what it was, when, how long it took. */
import http from 'node:http';
import { sleep } from './basics';
import { postWebhook } from './http';
import { signedDelivery } from '@/lib/sandbox/moota-generator';

export interface SentDelivery {
  mootaId: string;
  /** Epoch ms when the request went out and when its answer (or failure) came. */
  startedAt: number;
  endedAt: number;
  ms: number;
  /** 0: no answer (refused connection, reset, timeout). */
  status: number;
  text: string;
}

export interface DeliveryStream {
  sent: SentDelivery[];
  stop(): Promise<SentDelivery[]>;
}

/**
 * `senders` loops posting the deliveries `next` makes, together at most `ratePerSecond` (0: as
 * fast as answers come). A request gets `timeoutMs` to be answered.
 */
export function streamDeliveries(options: {
  port: number;
  secret: string;
  senders: number;
  ratePerSecond: number;
  timeoutMs: number;
  next: (n: number) => { mootaId: string; body: string };
}): DeliveryStream {
  const sent: SentDelivery[] = [];
  const agent = new http.Agent({ keepAlive: true, maxSockets: options.senders });
  let stopping = false;
  let count = 0;
  const interval = options.ratePerSecond > 0 ? (1000 * options.senders) / options.ratePerSecond : 0;
  const sender = async (index: number) => {
    let slot = performance.now() + (interval * index) / options.senders;
    while (!stopping) {
      const wait = slot - performance.now();
      if (wait > 0) await sleep(wait);
      slot = Math.max(slot + interval, performance.now() - interval);
      const { mootaId, body } = options.next(count++);
      const startedAt = Date.now();
      const began = performance.now();
      let status = 0;
      let text = '';
      try {
        ({ status, text } = await postWebhook(agent, options.port, body, signedDelivery(body, options.secret), options.timeoutMs));
      } catch (error) {
        text = (error as Error).message;
      }
      sent.push({ mootaId, startedAt, endedAt: Date.now(), ms: performance.now() - began, status, text: text.slice(0, 200) });
    }
  };
  const running = Promise.all(Array.from({ length: options.senders }, (_, i) => sender(i)));
  return {
    sent,
    async stop() {
      stopping = true;
      await running;
      agent.destroy();
      return sent;
    },
  };
}
