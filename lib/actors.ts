/** Who history names when Cocok itself acted (an automatic match, an order expiring, a first start). */
export const SYSTEM_ACTOR = 'system';

/** The name shown for whoever did something: a person's e-mail as stored, Cocok itself in the reader's word. */
export function actorName(actor: string, systemWord: string): string {
  return actor === SYSTEM_ACTOR ? systemWord : actor;
}
