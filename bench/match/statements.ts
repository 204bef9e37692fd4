/** Which kind of statement a SQL text is, and timing every statement this process sends. */
import pg from 'pg';

export interface StatementKind {
  kind: string;
  count: number;
  totalMs: number;
}

const KINDS: [RegExp, string][] = [
  [/pgboss\.job[\s\S]*WITH next as|WITH next as[\s\S]*pgboss\.job/i, 'pg-boss: fetch a batch'],
  [/WITH results AS[\s\S]*pgboss\./i, 'pg-boss: complete a batch'],
  [/pgboss\.job[\s\S]*(INSERT|json_to_recordset)|INSERT INTO pgboss\.job/i, 'pg-boss: insert jobs'],
  [/pgboss\./i, 'pg-boss: maintenance and other'],
  [/^\s*(BEGIN|COMMIT|ROLLBACK)\b/i, 'BEGIN / COMMIT'],
  [/FROM\s+mutations\s+WHERE\s+id\s*=.*FOR UPDATE/is, 'lock the mutation (SELECT … FOR UPDATE)'],
  [/FROM\s+orders\b.*FOR UPDATE/is, 'lock candidate orders (SELECT … FOR UPDATE)'],
  [/FROM\s+orders\s+WHERE\s+status\s+IN\s+\('expired', 'cancelled'\)/i, 'read recently closed orders'],
  [/"settings"/i, 'load settings'],
  [/INSERT\s+INTO\s+"public"\."payments"/i, 'insert the payment'],
  [/UPDATE\s+"public"\."orders"/i, 'update the order'],
  [/UPDATE\s+"public"\."mutations"/i, 'update the mutation'],
  [/INSERT\s+INTO\s+"public"\."history"/i, 'insert a history entry'],
  [/"store_callbacks"/i, 'store callback'],
  [/FROM\s+"public"\."mutations"/i, 'sweep / other mutation reads'],
];

export function kindOf(text: string): string {
  for (const [pattern, kind] of KINDS) if (pattern.test(text)) return kind;
  return `other: ${text.replace(/\s+/g, ' ').slice(0, 70)}`;
}

export const EXCLUDED = Symbol('bench: not profiled');
type QueryFn = (...args: unknown[]) => unknown;

/** Times every statement that goes through `pg` in this process (the bench's own clients excepted). */
export function instrumentPg(): { stop(): StatementKind[] } {
  const prototype = pg.Client.prototype as unknown as { query: QueryFn };
  const original = prototype.query;
  const kinds = new Map<string, StatementKind>();
  const record = (text: string, ms: number) => {
    const kind = kindOf(text);
    const entry = kinds.get(kind) ?? { kind, count: 0, totalMs: 0 };
    entry.count += 1;
    entry.totalMs += ms;
    kinds.set(kind, entry);
  };
  prototype.query = function (this: pg.Client & { [EXCLUDED]?: boolean }, ...args: unknown[]) {
    const config = args[0];
    if (this[EXCLUDED] || (typeof config === 'object' && config !== null && 'submit' in config)) return original.apply(this, args);
    const text = typeof config === 'string' ? config : String((config as { text?: unknown } | null)?.text ?? '');
    const started = performance.now();
    const last = args.at(-1);
    if (typeof last === 'function') {
      args[args.length - 1] = (...results: unknown[]) => {
        record(text, performance.now() - started);
        return (last as QueryFn)(...results);
      };
      return original.apply(this, args);
    }
    const result = original.apply(this, args);
    if (result instanceof Promise)
      void result.then(
        () => record(text, performance.now() - started),
        () => record(text, performance.now() - started),
      );
    return result;
  };
  return {
    stop() {
      prototype.query = original;
      return [...kinds.values()].sort((a, b) => b.totalMs - a.totalMs);
    },
  };
}
