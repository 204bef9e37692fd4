import { descriptionsAlike } from '@/lib/statements/identity';
import type { MutationType, StatementRow } from '@/lib/statements/types';

/** A mutation Cocok already has on the statement's account, as far as comparing needs it. */
export interface KnownMutation {
  id: string;
  mootaId: string;
  /** Jakarta day, YYYY-MM-DD. */
  day: string;
  type: MutationType;
  amount: bigint;
  description: string;
}

/** What becomes of one statement row. */
export type RowVerdict =
  /** Imported from a statement before (the same synthetic id): nothing to do. */
  | { kind: 'imported'; mutationId: string }
  /** The same transfer as a mutation Moota reported: it is confirmed as seen on the statement. */
  | { kind: 'seen'; mutationId: string }
  /** Perhaps the same transfer as one of these: a person decides. */
  | { kind: 'possible'; candidateIds: string[] }
  /** Nothing like it is known: a new mutation. */
  | { kind: 'new' };

const transferKey = (day: string, type: MutationType, amount: bigint) => `${day}|${type}|${amount}`;

/**
 * Each row against what is known on the account (in the order it was seen): a row is linked to a
 * known mutation of the same Jakarta day, type and amount (not already taken by an earlier row of the
 * file) whose description is the same, or is the only one alike; with several alike, or only unlike
 * ones, a person decides.
 * `ids` are the rows' synthetic ids (`statementMutationIds`), in the same order.
 */
export function compareRows(rows: readonly StatementRow[], ids: readonly string[], known: readonly KnownMutation[]): RowVerdict[] {
  const byMootaId = new Map(known.map((m) => [m.mootaId, m]));
  const byKey = new Map<string, KnownMutation[]>();
  for (const m of known) {
    if (m.mootaId.startsWith('stmt-')) continue;
    const key = transferKey(m.day, m.type, m.amount);
    byKey.set(key, [...(byKey.get(key) ?? []), m]);
  }
  const taken = new Set<string>();
  return rows.map((row, index): RowVerdict => {
    const imported = byMootaId.get(ids[index]!);
    if (imported) return { kind: 'imported', mutationId: imported.id };
    const candidates = (byKey.get(transferKey(row.bookedDate, row.type, row.amount)) ?? []).filter((m) => !taken.has(m.id));
    if (candidates.length === 0) return { kind: 'new' };
    const likeness = new Map(candidates.map((m) => [m.id, descriptionsAlike(row.description, m.description)]));
    const alike = candidates.filter((m) => likeness.get(m.id) !== 'different');
    const same = alike.filter((m) => likeness.get(m.id) === 'same');
    // Mutations with the very same description are interchangeable: the earliest is taken.
    const pick = same[0] ?? (alike.length === 1 ? alike[0] : undefined);
    if (pick) {
      taken.add(pick.id);
      return { kind: 'seen', mutationId: pick.id };
    }
    return { kind: 'possible', candidateIds: (alike.length > 0 ? alike : candidates).map((m) => m.id) };
  });
}
