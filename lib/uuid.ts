const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Whether a text from a URL is a row id: anything else is looked up as nothing. */
export function isUuid(text: string): boolean {
  return UUID.test(text);
}
