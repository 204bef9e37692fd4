import { z } from 'zod';

// zod compiles fast object parsers with `new Function` when it may. The pages' policy has no
// 'unsafe-eval', and the browser reports zod's probe for it as a violation: tell zod not to try.
z.config({ jitless: true });
