// How deeply a parsed request body nests. A body 10,000 levels deep parses (V8's parser does not
// recurse) but then overflows the stack wherever it is serialised again, far from where it came
// in; refusing it at the door keeps that a 400 and never a provider's fault.
export const MAX_JSON_DEPTH = 100;

/** The path (`tools[0].function.parameters`, up to three levels) under which `value` nests deeper than `max`, or null. */
export function tooDeepAt(value: unknown, max: number = MAX_JSON_DEPTH): string | null {
  // Iterative, so the check itself cannot overflow; paths are built only for the first levels.
  const stack: { v: unknown; depth: number; path: string }[] = [{ v: value, depth: 0, path: '' }];
  while (stack.length > 0) {
    const { v, depth, path } = stack.pop()!;
    if (typeof v !== 'object' || v === null) continue;
    if (depth >= max) return path || '(the body)';
    const named = depth < 3;
    if (Array.isArray(v)) {
      for (let i = 0; i < v.length; i++) stack.push({ v: v[i], depth: depth + 1, path: named ? `${path}[${i}]` : path });
    } else {
      for (const k of Object.keys(v)) stack.push({ v: (v as Record<string, unknown>)[k], depth: depth + 1, path: named ? (path ? `${path}.${k}` : k) : path });
    }
  }
  return null;
}
