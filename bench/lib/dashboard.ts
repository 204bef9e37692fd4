/** A person with the dashboard open: signed in through Auth.js's own form post, then polling its JSON routes. */
import http from 'node:http';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

interface RequestOptions {
  method?: string;
  cookie?: string;
  form?: Record<string, string>;
  headers?: Record<string, string>;
  timeoutMs?: number;
}

function request(port: number, path: string, options: RequestOptions = {}) {
  const body = options.form ? new URLSearchParams(options.form).toString() : undefined;
  return new Promise<Reply>((resolve, reject) => {
    const call = http.request(
      {
        host: '127.0.0.1',
        port,
        path,
        method: options.method ?? 'GET',
        agent: false,
        headers: {
          ...options.headers,
          ...(options.cookie && { cookie: options.cookie }),
          ...(body && { 'content-type': 'application/x-www-form-urlencoded', 'content-length': Buffer.byteLength(body) }),
        },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode ?? 0, headers: response.headers, text: Buffer.concat(chunks).toString('utf8') }),
        );
        response.on('error', reject);
      },
    );
    call.setTimeout(options.timeoutMs ?? 10_000, () => call.destroy(new Error(`no answer within ${options.timeoutMs ?? 10_000} ms`)));
    call.on('error', reject);
    call.end(body);
  });
}

const cookiesOf = (reply: Reply) => (reply.headers['set-cookie'] ?? []).map((cookie) => cookie.split(';')[0]!);

/** Signs in with email and password as the sign-in form does; the answer is the Cookie header of the session. */
export async function signIn(port: number, email: string, password: string): Promise<string> {
  const csrf = await request(port, '/api/auth/csrf');
  const { csrfToken } = JSON.parse(csrf.text) as { csrfToken: string };
  const jar = cookiesOf(csrf);
  const reply = await request(port, '/api/auth/callback/credentials', {
    method: 'POST',
    cookie: jar.join('; '),
    form: { email, password, csrfToken, callbackUrl: `http://127.0.0.1:${port}/` },
  });
  const session = cookiesOf(reply).filter((cookie) => cookie.includes('session-token'));
  if (session.length === 0) throw new Error(`signing in as ${email} gave no session (answer ${reply.status} ${reply.text.slice(0, 200)})`);
  return [...jar, ...session].join('; ');
}

/** GETs a dashboard route as the signed-in person; the time is the whole answer's. */
export async function dashboardGet(port: number, path: string, cookie: string): Promise<{ status: number; ms: number; json: unknown }> {
  const started = performance.now();
  const reply = await request(port, path, { cookie });
  let json: unknown = null;
  try {
    json = JSON.parse(reply.text);
  } catch {
    // Not JSON: the caller looks at the status.
  }
  return { status: reply.status, ms: performance.now() - started, json };
}

export interface TimedAnswer {
  status: number;
  /** From the request going out to the answer's last byte. */
  ms: number;
  bytes: number;
  headers: http.IncomingHttpHeaders;
}

/** GETs a route (signed in when `cookie` is given) with extra request headers, e.g. If-None-Match; the time is the whole answer's. */
export async function timedGet(
  port: number,
  path: string,
  options: { cookie?: string; headers?: Record<string, string>; timeoutMs?: number } = {},
): Promise<TimedAnswer> {
  const started = performance.now();
  const reply = await request(port, path, { cookie: options.cookie, headers: options.headers, timeoutMs: options.timeoutMs ?? 60_000 });
  return { status: reply.status, ms: performance.now() - started, bytes: Buffer.byteLength(reply.text), headers: reply.headers };
}

export interface Download {
  status: number;
  ms: number;
  firstByteMs: number;
  bytes: number;
  /** Line ends in the body: a CSV's rows, its header included. */
  lines: number;
}

/** GETs a large answer as the signed-in person without keeping it: its size and line count, its first and last byte's time. */
export function download(port: number, path: string, cookie: string, timeoutMs = 600_000): Promise<Download> {
  const started = performance.now();
  return new Promise<Download>((resolve, reject) => {
    const call = http.get({ host: '127.0.0.1', port, path, agent: false, headers: { cookie } }, (response) => {
      let firstByteMs = Number.NaN;
      let bytes = 0;
      let lines = 0;
      response.on('data', (chunk: Buffer) => {
        if (bytes === 0) firstByteMs = performance.now() - started;
        bytes += chunk.length;
        for (let at = chunk.indexOf(10); at !== -1; at = chunk.indexOf(10, at + 1)) lines += 1;
      });
      response.on('end', () => resolve({ status: response.statusCode ?? 0, ms: performance.now() - started, firstByteMs, bytes, lines }));
      response.on('error', reject);
    });
    call.setTimeout(timeoutMs, () => call.destroy(new Error(`no whole answer within ${timeoutMs} ms`)));
    call.on('error', reject);
  });
}
