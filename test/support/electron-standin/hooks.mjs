// Module hook: `electron` resolves to the stand-in, for the bundle and for the harness alike.
const standin = new URL('./electron.mjs', import.meta.url).href;

export async function resolve(specifier, context, next) {
  if (specifier === 'electron') return { url: standin, shortCircuit: true };
  return next(specifier, context);
}
