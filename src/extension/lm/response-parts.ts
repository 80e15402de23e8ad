// The routed answer's event batches as VS Code response parts: text as it arrives, each tool call
// once complete (its arguments are streamed as JSON fragments and parsed when the call is whole).
import { randomUUID } from 'node:crypto';
import type { ProviderEvent } from '../../core/providers/provider';
import type { PartFactory } from './parts';

interface PendingCall {
  id: string;
  name: string;
  args: string;
}

/** Reports the parts of choice 0 through `report`; returns the finish reason (null if the stream ended without one). */
export async function reportParts<P>(events: AsyncIterable<ProviderEvent[]>, parts: PartFactory<P>, report: (part: P) => void): Promise<string | null> {
  const calls = new Map<number, PendingCall>();
  let finish: string | null = null;
  const flushCalls = (): void => {
    // VS Code matches results to calls by id; an upstream that gave none (rare) gets one made up.
    for (const c of calls.values()) report(parts.toolCall(c.id || `call_${randomUUID()}`, c.name, parseArguments(c)));
    calls.clear();
  };
  for await (const batch of events) {
    for (const ev of batch) {
      if (ev.type === 'usage' || ev.index !== 0) continue;
      if (ev.type === 'finish') {
        finish = ev.reason;
        flushCalls();
        continue;
      }
      if (ev.content) report(parts.text(ev.content));
      for (const d of ev.toolCalls ?? []) {
        const c = calls.get(d.index) ?? { id: '', name: '', args: '' };
        if (d.id) c.id = d.id;
        if (d.function?.name) c.name += d.function.name;
        if (d.function?.arguments) c.args += d.function.arguments;
        calls.set(d.index, c);
      }
    }
  }
  flushCalls(); // an upstream that ended without a finish event still gets its calls out
  return finish;
}

/** The call's arguments as an object; an empty string is a call without arguments. */
export function parseArguments(call: PendingCall): object {
  if (call.args.trim() === '') return {};
  let parsed: unknown;
  try {
    parsed = JSON.parse(call.args);
  } catch {
    throw new Error(`The model called the tool '${call.name}' with arguments that are not valid JSON: ${call.args.slice(0, 200)}`);
  }
  if (typeof parsed !== 'object' || parsed === null || Array.isArray(parsed))
    throw new Error(`The model called the tool '${call.name}' with arguments that are not a JSON object: ${call.args.slice(0, 200)}`);
  return parsed;
}
