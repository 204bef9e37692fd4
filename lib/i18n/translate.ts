export type MessageTree = { [key: string]: string | MessageTree };
export type Params = Record<string, string | number>;

/** Looks up a dotted key and fills `{name}` placeholders; a missing key shows itself, never blank. */
export function translate(messages: MessageTree, key: string, params?: Params): string {
  let node: string | MessageTree | undefined = messages;
  for (const part of key.split('.')) {
    node = typeof node === 'object' ? node[part] : undefined;
  }
  if (typeof node !== 'string') return key;
  return params ? node.replace(/\{(\w+)\}/g, (match, name: string) => (name in params ? String(params[name]) : match)) : node;
}

/** Every dotted key with a string at its end. */
export function keysOf(tree: MessageTree, prefix = ''): string[] {
  return Object.entries(tree).flatMap(([key, value]) =>
    typeof value === 'string' ? [`${prefix}${key}`] : keysOf(value, `${prefix}${key}.`),
  );
}
