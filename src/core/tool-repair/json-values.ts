// Reads JSON values written one after another ("{…}; {…}", "{…}\n{…}"), as Llama and Hermes models
// write several calls in a row. JSON.parse takes one value only, so the bounds of each are found by
// matching brackets outside strings, then each slice is parsed on its own.

/** The values in `text`, separated by whitespace, `;` or `,`; null when anything else is there or one is not JSON. */
export function jsonValues(text: string): unknown[] | null {
  const values: unknown[] = [];
  let i = 0;
  for (;;) {
    while (i < text.length && /[\s;,]/.test(text[i]!)) i++;
    if (i >= text.length) return values.length ? values : null;
    const end = valueEnd(text, i);
    if (end < 0) return null;
    try {
      values.push(JSON.parse(text.slice(i, end)));
    } catch {
      return null;
    }
    i = end;
  }
}

/** Where the object or array starting at `start` ends (one past its closing bracket); -1 when it does not close. */
export function valueEnd(text: string, start: number): number {
  const open = text[start];
  if (open !== '{' && open !== '[') return -1;
  let depth = 0;
  let inString = false;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
      continue;
    }
    if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') {
      depth--;
      if (depth === 0) return i + 1;
    }
  }
  return -1;
}
