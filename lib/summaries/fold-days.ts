import { poolExecutor, type SqlExecutor } from '@/lib/db';
import { SUMMARY_TABLES, type SummaryTable } from '@/lib/summaries/tables';
import { jakartaDay } from '@/lib/time/jakarta';

// One statement each, so every commit still sums to the same figures: a writer that updates a
// slot row first is waited for and its new counts are the ones moved; one that comes after finds
// the row gone and adds a new one.
const foldSql = ({ name, key, counts }: SummaryTable) => `
  WITH folded AS (
    DELETE FROM ${name} WHERE day < $1::date AND slot <> 0 RETURNING ${[...key, ...counts].join(', ')}
  )
  INSERT INTO ${name} AS d (${[...key, 'slot', ...counts].join(', ')})
  SELECT ${key.join(', ')}, 0, ${counts.map((c) => `sum(${c})`).join(', ')} FROM folded
   GROUP BY ${key.join(', ')} ORDER BY ${key.join(', ')}
  ON CONFLICT (${[...key, 'slot'].join(', ')}) DO UPDATE SET ${counts.map((c) => `${c} = d.${c} + excluded.${c}`).join(', ')}
  RETURNING 1`;

const dropZerosSql = ({ name, counts }: SummaryTable) =>
  `DELETE FROM ${name} WHERE day < $1::date AND slot = 0 AND ${counts.map((c) => `${c} = 0`).join(' AND ')}`;

/**
 * Folds the slots of the days before `today` (Jakarta) into slot 0 and drops keys that count
 * nothing, so that a report over a year reads one row per key and day. Today's rows stay spread
 * for the deliveries still coming in. Returns how many keys had slots folded.
 */
export async function foldClosedDays(sql: SqlExecutor = poolExecutor(), today: string = jakartaDay(new Date())): Promise<number> {
  let folded = 0;
  for (const table of SUMMARY_TABLES) {
    const { rows } = await sql.executeSql(foldSql(table), [today]);
    folded += rows.length;
    await sql.executeSql(dropZerosSql(table), [today]);
  }
  return folded;
}
