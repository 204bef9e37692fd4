import type { SqlExecutor } from '@/lib/db';

interface Statement {
  text: string;
  values: unknown[];
}

/**
 * Gathers writes (INSERT, UPDATE or DELETE) and runs them as one statement, each as a CTE: one
 * round trip instead of one each. They all see the same snapshot, so none may depend on what
 * another writes, and none returns rows to its caller.
 */
export class StatementBatch implements SqlExecutor {
  private readonly statements: Statement[] = [];

  async executeSql(text: string, values: unknown[]): Promise<{ rows: unknown[] }> {
    if (!/^\s*(INSERT|UPDATE|DELETE)\b/i.test(text)) throw new Error('a statement batch takes only INSERT, UPDATE or DELETE statements');
    this.statements.push({ text, values });
    return { rows: [] };
  }

  /** The gathered writes as one statement, their parameters renumbered after one another; null for none. */
  combined(): Statement | null {
    if (this.statements.length <= 1) return this.statements[0] ?? null;
    let offset = 0;
    const parts = this.statements.map(({ text, values }, index) => {
      const shift = offset;
      offset += values.length;
      return `write_${index + 1} AS (${text.replace(/\$(\d+)/g, (_, n: string) => `$${Number(n) + shift}`)})`;
    });
    return { text: `WITH ${parts.join(',\n')}\nSELECT 1 AS done`, values: this.statements.flatMap((statement) => statement.values) };
  }

  async run(sql: SqlExecutor): Promise<void> {
    const statement = this.combined();
    if (statement) await sql.executeSql(statement.text, statement.values);
  }
}
