import { LOCALES, type Locale } from '@/lib/i18n/locales';
import * as AREAS from './areas';

export type Area = keyof typeof AREAS;
const AREA_NAMES = Object.keys(AREAS) as Area[];

/** Every string of the dashboard in one language, under its area; Indonesian gives the keys' type. */
export type Messages = { [A in Area]: (typeof AREAS)[A]['id'] };

/** ICU messages (`{count, plural, other {# …}}`), per language, under their area: `t('orders.title')`. */
export const MESSAGES = Object.fromEntries(
  LOCALES.map((locale) => [locale, Object.fromEntries(AREA_NAMES.map((area) => [area, AREAS[area][locale]])) as Messages]),
) as Record<Locale, Messages>;

/** Only the given areas, for the part of a page that runs in the browser. */
export function pickAreas(messages: Messages, areas: readonly Area[]): Partial<Messages> {
  return Object.fromEntries(areas.map((area) => [area, messages[area]]));
}

type KeysOf<T, Prefix extends string = ''> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : KeysOf<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** A message's full dotted key, for a key kept in data (`{ label: 'nav.orders' }`) or built from a value. */
export type MessageKey = KeysOf<Messages>;
