// What reading a request's needs costs on a 30 KB prompt: kind + difficulty (readNeeds) and the
// secret scan (secretInPrompt), p50 per call, beside JSON.parse of the same request body in the
// same run as a baseline. The scan remembers long parts it has seen, so it is measured twice: on
// prompts never seen (each sample a distinct copy) and on a prompt seen before (an agent's next turn).
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { validateChatRequest } from '../src/core/dialects/openai-chat/parse';
import type { ChatRequest } from '../src/core/request';
import { readNeeds } from '../src/core/routing/request-needs';
import { secretInPrompt } from '../src/core/routing/secret-scan';

export interface NeedsCost {
  promptChars: number;
  samples: number;
  jsonParseUs: number;
  needsUs: number;
  scanFirstSeenUs: number;
  scanSeenUs: number;
  allFirstSeenUs: number;
  allSeenUs: number;
}

/** A realistic 30 KB turn: a system prompt of prose, a pasted source file, and the question. */
function body(variant: number): string {
  const root = join(__dirname, '..');
  const prose = readFileSync(join(root, 'README.md'), 'utf8').slice(0, 10_000);
  const code = readFileSync(join(root, 'src/core/routing/policy.ts'), 'utf8') + readFileSync(join(root, 'src/core/routing/stickiness.ts'), 'utf8');
  const paste = code.repeat(Math.ceil(19_000 / code.length)).slice(0, 19_000);
  return JSON.stringify({
    model: 'auto',
    messages: [
      { role: 'system', content: `#${variant}\n${prose}` },
      { role: 'user', content: `#${variant} Why does the sticky model switch here?\n\`\`\`ts\n${paste}\n\`\`\`` },
      { role: 'assistant', content: 'It switches when the model can no longer serve the turn.' },
      { role: 'user', content: `Then refactor it so the reason is kept, and explain the trade-off. (${variant})` },
    ],
  });
}

function p50(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)]!;
}

function time(fn: () => unknown): number {
  const t0 = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - t0) / 1000;
}

export function measureNeedsCost(samples = 2000): NeedsCost {
  const bodies = Array.from({ length: samples }, (_, i) => body(i));
  const requests: ChatRequest[] = bodies.map((b) => validateChatRequest(JSON.parse(b)));
  // Warm up the JIT on other copies so the first-seen runs below see parts never scanned.
  for (let i = 0; i < 500; i++) {
    const r = validateChatRequest(JSON.parse(body(samples + i)));
    readNeeds(r);
    secretInPrompt(r);
  }
  const seen = requests[0]!;
  secretInPrompt(seen);
  const json: number[] = [];
  const needs: number[] = [];
  const scanNew: number[] = [];
  const scanSeen: number[] = [];
  const allNew: number[] = [];
  const allSeen: number[] = [];
  // Interleaved, so a burst of load on the machine hits every measure alike.
  for (let i = 1; i < samples; i++) {
    const r = requests[i]!;
    json.push(time(() => JSON.parse(bodies[i]!)));
    needs.push(time(() => readNeeds(r)));
    if (i % 2) {
      scanNew.push(time(() => secretInPrompt(r)));
    } else {
      allNew.push(
        time(() => {
          readNeeds(r);
          secretInPrompt(r);
        }),
      );
    }
    scanSeen.push(time(() => secretInPrompt(seen)));
    allSeen.push(
      time(() => {
        readNeeds(seen);
        secretInPrompt(seen);
      }),
    );
  }
  return {
    promptChars: bodies[0]!.length,
    samples,
    jsonParseUs: p50(json),
    needsUs: p50(needs),
    scanFirstSeenUs: p50(scanNew),
    scanSeenUs: p50(scanSeen),
    allFirstSeenUs: p50(allNew),
    allSeenUs: p50(allSeen),
  };
}

export function needsCostTable(c: NeedsCost): string {
  return [
    `Cost on a ${(c.promptChars / 1024).toFixed(1)} KiB request, p50 of ${c.samples - 1} samples each, interleaved (target: kind + difficulty + secret scan under 50 µs):`,
    '',
    '| measure | p50 µs |',
    '|---|---|',
    `| baseline: JSON.parse of the same body | ${c.jsonParseUs.toFixed(1)} |`,
    `| kind + difficulty (readNeeds) | ${c.needsUs.toFixed(1)} |`,
    `| secret scan, prompt never seen | ${c.scanFirstSeenUs.toFixed(1)} |`,
    `| secret scan, prompt seen before (an agent's next turn) | ${c.scanSeenUs.toFixed(1)} |`,
    `| **kind + difficulty + secret scan, never seen** | **${c.allFirstSeenUs.toFixed(1)}** |`,
    `| **kind + difficulty + secret scan, seen before** | **${c.allSeenUs.toFixed(1)}** |`,
  ].join('\n');
}

if (require.main === module) console.log(needsCostTable(measureNeedsCost()));
