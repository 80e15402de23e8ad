// What `npm run bench` copies from bench/RESULTS.md into docs/performance.md: the tables of its
// sections, as they are (test/docs/generated-blocks.test.ts checks the two stay equal).
import { tableUnder } from '../scripts/docs/blocks';

/** Block name in docs/performance.md → the section of bench/RESULTS.md whose table it holds. */
export const BENCH_SECTIONS: Readonly<Record<string, string>> = {
  'bench-gateways': 'Gateways against the direct connection',
  'bench-oblix': 'Oblix alone',
  'bench-targets': 'Targets (issue 6)',
};

export function benchBlocks(results: string): Record<string, string> {
  const dated = /on (\d{4}-\d{2}-\d{2})T/.exec(results)?.[1] ?? 'an undated run';
  return Object.fromEntries(Object.entries(BENCH_SECTIONS).map(([block, heading]) => [block, `From bench/RESULTS.md (${dated}):\n\n${tableUnder(results, heading)}`]));
}
