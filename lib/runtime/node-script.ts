import { fileURLToPath } from 'node:url';

/** Node's arguments, before a script's path, to run Cocok's TypeScript outside Next (see plain-node.mjs). */
export const NODE_SCRIPT_ARGS = ['--import', fileURLToPath(new URL('./plain-node.mjs', import.meta.url))];
