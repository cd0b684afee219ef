/** Plain-data equality for resolved options (functions and class instances by identity). */
export function sameOptions(a: unknown, b: unknown): boolean {
  if (Object.is(a, b)) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const protoA = Object.getPrototypeOf(a) as unknown;
  if ((protoA !== Object.prototype && protoA !== Array.prototype) || protoA !== Object.getPrototypeOf(b)) return false;
  const keysA = Object.keys(a);
  const keysB = Object.keys(b);
  return keysA.length === keysB.length && keysA.every((k) => sameOptions((a as Record<string, unknown>)[k], (b as Record<string, unknown>)[k]));
}

