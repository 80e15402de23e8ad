// Colours for the terminal: only when stdout is a terminal and NO_COLOR is not set (no-color.org:
// any non-empty value turns them off).
export interface Style {
  dim(text: string): string;
  bold(text: string): string;
  red(text: string): string;
  cyan(text: string): string;
}

export function styleFor(stream: { isTTY?: boolean }, env: NodeJS.ProcessEnv): Style {
  const on = stream.isTTY === true && !env.NO_COLOR;
  const sgr =
    (open: number, close: number) =>
    (text: string): string =>
      on ? `\x1b[${open}m${text}\x1b[${close}m` : text;
  return { dim: sgr(2, 22), bold: sgr(1, 22), red: sgr(31, 39), cyan: sgr(36, 39) };
}
