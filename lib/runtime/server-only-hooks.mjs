/**
 * `server-only` throws unless resolved under the `react-server` condition, which Next applies to
 * server code only. Plain Node runs only server code, but that condition for every package would
 * also give React's server build to `npm start`, which renders pages in-process: so only this
 * import gets it.
 */
export async function resolve(specifier, context, nextResolve) {
  if (specifier !== 'server-only') return nextResolve(specifier, context);
  return nextResolve(specifier, { ...context, conditions: [...context.conditions, 'react-server'] });
}
