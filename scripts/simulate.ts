import { parseArgs } from 'node:util';
import { DomainError } from '@/lib/errors';
import { formatRupiah, parseMachineAmount } from '@/lib/money';
import { DEMO_WEBHOOK_SECRET } from '@/lib/sandbox/demo';
import { createMootaGenerator, signedDelivery, type MootaMutationJson, type MutationOverrides } from '@/lib/sandbox/moota-generator';
import {
  buildPracticeTransfer,
  DEMO_PRACTICE_ACCOUNTS,
  PRACTICE_KINDS,
  SANDBOX_ACCOUNTS,
  type PracticeKind,
  type PracticeOrder,
} from '@/lib/sandbox/practice-transfer';

const USAGE = `Sends signed, realistic Moota deliveries to a running Cocok.

Usage: npm run simulate -- [options]

  --count N          send N mutations in total, --per-delivery at a time
  --deliveries D     send D deliveries (default 5; not together with --count)
  --per-delivery M   mutations in each delivery (default 1)
  --amount A         every mutation is of A rupiah, a whole number (e.g. 150123)
  --type CR|DB       every mutation is a credit (CR, money in) or a debit (DB, money out)
  --url U            webhook URL (default http://localhost:3000/api/webhook)
  --secret S         webhook secret (default $MOOTA_WEBHOOK_SECRET, else the demo secret)
  --seed N           repeat an earlier run's mutations (same mutation ids: Cocok reports duplicates)
  --help             show this help

Practice transfers (credits; one delivery unless --count or --deliveries says otherwise):
  --kind bank|va|qris  a bank transfer, or a virtual-account / QRIS payment naming --order
                       in payment_detail.order_id (default bank)
  --order REF          pay this order: the amount is its payable amount (amount + unique code),
                       read from the running Cocok's GET /api/orders/REF
  --short N            N rupiah less than the order's payable amount
  --over N             N rupiah more than the order's payable amount
  --description TEXT   the bank's text of the transfer, instead of a realistic one
  --sandbox            into a sandbox account (Sandbox BCA, Sandbox BNI Virtual Account or
                       Sandbox QRIS): matched and shown, never counted as money
  --api-key KEY        store API key for --order (default the first of $STORE_API_KEYS)

Examples:
  npm run simulate -- --sandbox --kind va --order INV-1042
  npm run simulate -- --sandbox --order INV-1042 --short 5000 --description "TRSF DARI BUDI"`;

const REQUEST_TIMEOUT_MS = 10_000;

const deliveriesText = (count: number) => `${count} ${count === 1 ? 'delivery' : 'deliveries'}`;

class UsageError extends Error {}

interface Practice {
  kind: PracticeKind;
  sandbox: boolean;
  orderReference: string | undefined;
  short: bigint | undefined;
  over: bigint | undefined;
  amount: bigint | undefined;
  description: string | undefined;
  apiKey: string | undefined;
}

interface Plan {
  deliverySizes: number[];
  overrides: MutationOverrides;
  /** Set when any practice flag is given: every mutation is a practice transfer. */
  practice: Practice | undefined;
  url: URL;
  secret: string;
  seed: number | undefined;
}

function wholeNumber(flag: string, text: string | undefined, min: number, max: number): number | undefined {
  if (text === undefined) return undefined;
  const value = Number(text);
  if (!/^\d+$/.test(text.trim()) || value < min || value > max) {
    throw new UsageError(`--${flag} must be a whole number from ${min} to ${max}, got "${text}"`);
  }
  return value;
}

function parsePlan(argv: string[], environment: NodeJS.ProcessEnv): Plan | 'help' {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      allowPositionals: false,
      options: {
        count: { type: 'string' },
        deliveries: { type: 'string' },
        'per-delivery': { type: 'string' },
        amount: { type: 'string' },
        type: { type: 'string' },
        url: { type: 'string' },
        secret: { type: 'string' },
        seed: { type: 'string' },
        kind: { type: 'string' },
        order: { type: 'string' },
        short: { type: 'string' },
        over: { type: 'string' },
        description: { type: 'string' },
        sandbox: { type: 'boolean' },
        'api-key': { type: 'string' },
        help: { type: 'boolean', short: 'h' },
      },
    }));
  } catch (error) {
    const code = (error as { code?: string }).code;
    const flag = /'([^']+)'/.exec((error as Error).message)?.[1];
    if (code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') throw new UsageError(`unknown flag ${flag ?? ''}`.trim());
    if (code === 'ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL') throw new UsageError(`unexpected argument ${flag ?? ''}: flags look like --count 3`.trim());
    if (code === 'ERR_PARSE_ARGS_INVALID_OPTION_VALUE') throw new UsageError((error as Error).message.split('\n')[0]!);
    throw error;
  }
  if (values.help) return 'help';

  const count = wholeNumber('count', values.count, 1, 100_000);
  const deliveries = wholeNumber('deliveries', values.deliveries, 1, 100_000);
  const perDelivery = wholeNumber('per-delivery', values['per-delivery'], 1, 1000) ?? 1;
  if (count !== undefined && deliveries !== undefined) {
    throw new UsageError('use either --count (mutations in total) or --deliveries, not both');
  }
  const practising = [values.kind, values.order, values.short, values.over, values.description, values.sandbox].some((v) => v !== undefined);
  const deliverySizes =
    count !== undefined
      ? Array.from({ length: Math.ceil(count / perDelivery) }, (_, i) => Math.min(perDelivery, count - i * perDelivery))
      : Array.from({ length: deliveries ?? (practising ? 1 : 5) }, () => perDelivery);

  const overrides: MutationOverrides = {};
  if (values.amount !== undefined) {
    if (!/^\d+$/.test(values.amount.trim()) || parseMachineAmount(values.amount) <= 0n) {
      throw new UsageError(`--amount must be a whole number of rupiah above 0 without separators (e.g. 150123), got "${values.amount}"`);
    }
    overrides.amount = parseMachineAmount(values.amount);
  }
  if (values.type !== undefined) {
    const type = values.type.trim().toUpperCase();
    if (type !== 'CR' && type !== 'DB') throw new UsageError(`--type must be CR (money in) or DB (money out), got "${values.type}"`);
    overrides.type = type;
  }

  let practice: Practice | undefined;
  if (practising) {
    if (overrides.type === 'DB') throw new UsageError('practice transfers are money in: leave out --type DB');
    const kind = (values.kind?.trim().toLowerCase() ?? 'bank') as PracticeKind;
    if (!PRACTICE_KINDS.includes(kind)) throw new UsageError(`--kind must be ${PRACTICE_KINDS.join(', ')}, got "${values.kind}"`);
    const orderReference = values.order?.trim();
    if (orderReference === '') throw new UsageError('--order must name an order reference, e.g. --order INV-1042');
    const difference = (flag: 'short' | 'over') => {
      const value = wholeNumber(flag, values[flag], 1, Number.MAX_SAFE_INTEGER);
      return value === undefined ? undefined : BigInt(value);
    };
    practice = {
      kind,
      sandbox: values.sandbox === true,
      orderReference,
      short: difference('short'),
      over: difference('over'),
      amount: overrides.amount === undefined ? undefined : BigInt(overrides.amount),
      description: values.description,
      apiKey: values['api-key'] ?? environment.STORE_API_KEYS?.split(',')[0]?.trim() ?? undefined,
    };
    if (orderReference !== undefined && !practice.apiKey) {
      throw new UsageError("--order reads the order from Cocok's store API: give --api-key KEY (Settings → API keys) or set STORE_API_KEYS");
    }
  }

  let url: URL;
  try {
    url = new URL(values.url ?? 'http://localhost:3000/api/webhook');
  } catch {
    throw new UsageError(`--url must be a full URL such as http://localhost:3000/api/webhook, got "${values.url}"`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new UsageError(`--url must be http:// or https://, got "${values.url}"`);

  // While rotating, MOOTA_WEBHOOK_SECRET holds two secrets: either one signs validly.
  const secret = values.secret ?? environment.MOOTA_WEBHOOK_SECRET?.split(',')[0]?.trim() ?? DEMO_WEBHOOK_SECRET;
  if (secret === '') throw new UsageError('--secret must not be empty');
  const seed = wholeNumber('seed', values.seed, 0, 0xffffffff);
  return { deliverySizes, overrides, practice, url, secret, seed };
}

/**
 * The order's payable amount from the running Cocok's store API: the same server the deliveries
 * go to, so the amount is the one that server will match against (a local database may be another).
 */
async function fetchOrder(url: URL, reference: string, apiKey: string): Promise<PracticeOrder> {
  const orderUrl = new URL(`/api/orders/${encodeURIComponent(reference)}`, url);
  let response: Response;
  try {
    response = await fetch(orderUrl, { headers: { authorization: `Bearer ${apiKey}` }, signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS) });
  } catch (error) {
    throw new UsageError(describeNetworkError(error, orderUrl));
  }
  if (response.status === 401) throw new UsageError(`Cocok refused the API key for ${orderUrl}: check --api-key or STORE_API_KEYS`);
  if (response.status === 404) throw new UsageError(`Cocok has no order ${reference}`);
  const order = (await response.json().catch(() => null)) as { reference?: string; payable_amount?: number; status?: string } | null;
  if (!response.ok || typeof order?.payable_amount !== 'number' || typeof order.reference !== 'string') {
    throw new UsageError(`${orderUrl} answered ${response.status} without an order`);
  }
  if (order.status !== 'pending') console.log(`Order ${order.reference} is ${order.status}, not open: sending anyway`);
  return { reference: order.reference, payableAmount: BigInt(order.payable_amount) };
}

type Batch = { body: string; mutations: MootaMutationJson[] };

/** Makes each delivery's body: realistic mutations, or practice transfers when a practice flag was given. */
async function deliveryMaker(plan: Plan): Promise<{ seed: number; next: (size: number) => Batch }> {
  const { practice } = plan;
  if (!practice) {
    const generator = createMootaGenerator({ seed: plan.seed });
    return { seed: generator.seed, next: (size) => generator.delivery(size, plan.overrides) };
  }
  const order = practice.orderReference ? await fetchOrder(plan.url, practice.orderReference, practice.apiKey!) : undefined;
  const seed = (plan.seed ?? Date.now()) >>> 0;
  const accounts = practice.sandbox ? SANDBOX_ACCOUNTS : DEMO_PRACTICE_ACCOUNTS;
  // The builder's own checks (short and over, short by all of it…) before anything is sent.
  buildPracticeTransfer({ ...practice, order }, { seed, accounts });
  console.log(
    `Practice ${practice.kind} transfers into ${accounts[practice.kind].label}${practice.sandbox ? ' (sandbox: never counted as money)' : ''}` +
      (order ? ` for order ${order.reference} (payable ${formatRupiah(order.payableAmount)})` : ''),
  );
  let made = 0;
  return {
    seed,
    next: (size) => {
      const mutations = Array.from(
        { length: size },
        () => buildPracticeTransfer({ ...practice, order }, { seed: (seed + made++) >>> 0, accounts }).mutation,
      );
      return { body: JSON.stringify(mutations), mutations };
    },
  };
}

/** Why a request never got an answer, in words that say what to do. */
function describeNetworkError(error: unknown, url: URL): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  const code = cause?.code ?? (error as { code?: string }).code;
  if (code === 'ECONNREFUSED') return `Nothing is listening at ${url.host}. Is Cocok running? Start it with npm start`;
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN') return `Cannot resolve the host ${url.hostname}: check --url`;
  if ((error as Error).name === 'TimeoutError') return `${url} did not answer within ${REQUEST_TIMEOUT_MS / 1000} s (Moota gives up after 5 s)`;
  return `Could not reach ${url}: ${code ?? (error as Error).message}`;
}

interface Answer {
  accepted?: number;
  duplicates?: number;
  error?: string;
}

function readAnswer(text: string): Answer | undefined {
  try {
    const json: unknown = JSON.parse(text);
    return json !== null && typeof json === 'object' ? (json as Answer) : undefined;
  } catch {
    return undefined;
  }
}

function describeAnswer(status: number, text: string, answer: Answer | undefined): string {
  if (!answer) return `${status} ${text.slice(0, 200)}`;
  if (status >= 200 && status < 300) return `${status} accepted ${answer.accepted ?? '?'}, duplicates ${answer.duplicates ?? '?'}`;
  return `${status} ${answer.error ?? JSON.stringify(answer)}`;
}

async function main(): Promise<number> {
  let plan: Plan | 'help';
  try {
    plan = parsePlan(process.argv.slice(2), process.env);
  } catch (error) {
    if (error instanceof DomainError) {
      console.error(`simulate: ${error.message}`);
      return 2;
    }
    if (!(error instanceof UsageError)) throw error;
    console.error(`simulate: ${error.message}\n\n${USAGE}`);
    return 2;
  }
  if (plan === 'help') {
    console.log(USAGE);
    return 0;
  }

  let maker;
  try {
    maker = await deliveryMaker(plan);
  } catch (error) {
    if (!(error instanceof UsageError) && !(error instanceof DomainError)) throw error;
    console.error(`simulate: ${error.message}`);
    return error instanceof UsageError ? 1 : 2;
  }
  const totals = { sent: 0, ok: 0, failed: 0, accepted: 0, duplicates: 0, credit: 0n, debit: 0n };
  console.log(`Sending ${deliveriesText(plan.deliverySizes.length)} to ${plan.url} (seed ${maker.seed})`);

  for (const [index, size] of plan.deliverySizes.entries()) {
    const { body, mutations } = maker.next(size);
    const what = mutations.map((m) => `${m.mutation_id} ${m.type} ${formatRupiah(parseMachineAmount(m.amount))}`).join(', ');
    let response: Response;
    try {
      response = await fetch(plan.url, {
        method: 'POST',
        headers: signedDelivery(body, plan.secret),
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      console.error(`#${index + 1} ${what}\n   ${describeNetworkError(error, plan.url)}`);
      return 1;
    }
    const text = await response.text();
    const answer = readAnswer(text);
    totals.sent += 1;
    for (const m of mutations) totals[m.type === 'CR' ? 'credit' : 'debit'] += parseMachineAmount(m.amount);
    if (response.ok) {
      totals.ok += 1;
      totals.accepted += answer?.accepted ?? 0;
      totals.duplicates += answer?.duplicates ?? 0;
    } else {
      totals.failed += 1;
    }
    console.log(`#${index + 1} ${what}\n   → ${describeAnswer(response.status, text, answer)}`);
  }

  console.log(
    `\n${deliveriesText(totals.sent)} sent (${formatRupiah(totals.credit)} in, ${formatRupiah(totals.debit)} out): ` +
      `${totals.ok} answered 2xx, ${totals.failed} failed; mutations accepted ${totals.accepted}, duplicates ${totals.duplicates}.` +
      `\nRepeat with --seed ${maker.seed}.`,
  );
  return totals.failed > 0 ? 1 : 0;
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
