/**
 * What `node --import` loads to run Cocok's TypeScript outside Next (the npm scripts, the worker,
 * tests, benchmarks): tsx, and the `server-only` guard resolved as Next resolves it on the server.
 */
import 'tsx';
import { register } from 'node:module';

register('./server-only-hooks.mjs', import.meta.url);
