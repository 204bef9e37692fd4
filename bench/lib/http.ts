/** Plain HTTP to the receivers under test: signed webhook posts, and waiting until a server answers. */
import http from 'node:http';
import { sleep } from './basics';
import { describeFailure, isRunning, type ChildServer } from './processes';

export interface Answer {
  status: number;
  text: string;
}

export function postWebhook(agent: http.Agent, port: number, body: string, headers: Record<string, string>, timeoutMs: number): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const request = http.request(
      {
        host: '127.0.0.1',
        port,
        path: '/api/webhook',
        method: 'POST',
        agent,
        headers: { ...headers, 'Content-Length': Buffer.byteLength(body) },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () => resolve({ status: response.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        response.on('error', reject);
      },
    );
    request.setTimeout(timeoutMs, () => request.destroy(new Error(`no answer within ${timeoutMs} ms`)));
    request.on('error', reject);
    request.end(body);
  });
}

/** Waits until the server answers HTTP at all (any status). */
export async function waitUntilAnswering(server: ChildServer, port: number, timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (!isRunning(server)) {
      throw describeFailure(
        server,
        `${server.name} exited (code ${server.child.exitCode ?? server.child.signalCode}) before it answered on port ${port}.`,
      );
    }
    const answered = await new Promise<boolean>((resolve) => {
      const request = http.get({ host: '127.0.0.1', port, path: '/api/webhook', agent: false }, (response) => {
        response.resume();
        resolve(true);
      });
      request.setTimeout(2_000, () => request.destroy());
      request.on('error', () => resolve(false));
    });
    if (answered) return;
    await sleep(250);
  }
  throw describeFailure(server, `${server.name} did not answer on port ${port} within ${timeoutMs / 1000} s.`);
}
