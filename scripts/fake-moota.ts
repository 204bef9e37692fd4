import { parseArgs } from 'node:util';
import { fakeMutations, startFakeMoota } from '@/tests/support/fake-moota';

const USAGE = `Runs a fake Moota API v2 on 127.0.0.1 until stopped (Ctrl-C), for end-to-end tests and benches.

Usage: node --import ./lib/runtime/plain-node.mjs scripts/fake-moota.ts [options]

  --port N        port to listen on (default 0: any free port)
  --token T       the bearer token it accepts (default fake-moota-token)
  --mutations N   realistic mutations to serve (default 50)
  --days D        spread them over D Jakarta days up to today (default 1)
  --seed S        the generator's seed (default 1)
  --help          show this help

When ready it prints one line: fake moota listening on <url>`;

function wholeNumber(flag: string, text: string | undefined, fallback: number, min: number, max: number): number {
  if (text === undefined) return fallback;
  if (!/^\d+$/.test(text) || Number(text) < min || Number(text) > max) {
    throw new Error(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return Number(text);
}

async function main(): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: process.argv.slice(2),
      strict: true,
      allowPositionals: false,
      options: {
        port: { type: 'string' },
        token: { type: 'string' },
        mutations: { type: 'string' },
        days: { type: 'string' },
        seed: { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    console.error(`${(error as Error).message.split('\n')[0]}\n\n${USAGE}`);
    return 2;
  }
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  let port: number, count: number, days: number, seed: number;
  try {
    port = wholeNumber('port', values.port, 0, 0, 65_535);
    count = wholeNumber('mutations', values.mutations, 50, 0, 1_000_000);
    days = wholeNumber('days', values.days, 1, 1, 3660);
    seed = wholeNumber('seed', values.seed, 1, 0, 2 ** 32 - 1);
  } catch (error) {
    console.error((error as Error).message);
    return 2;
  }
  const token = values.token ?? 'fake-moota-token';
  if (token === '') {
    console.error('--token must not be empty');
    return 2;
  }

  const moota = await startFakeMoota({ token, port, mutations: fakeMutations({ count, seed, days, newest: new Date() }) });
  console.log(`fake moota listening on ${moota.url}`);

  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await moota.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(error);
    process.exitCode = 1;
  },
);
