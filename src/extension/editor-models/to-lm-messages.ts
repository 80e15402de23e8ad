// An OpenAI-shaped chat request as VS Code language-model messages and tools, to send to one of the
// editor's own models. The public API (1.99) has no system role: system text goes first as a user message.
import * as vscode from 'vscode';
import type { ChatCompletionContentPart } from 'openai/resources/chat/completions';
import type { ChatMessage, ChatRequest } from '../../core/request';

type UserPart = vscode.LanguageModelTextPart | vscode.LanguageModelToolResultPart;

export function toLmMessages(messages: readonly ChatMessage[]): vscode.LanguageModelChatMessage[] {
  const out: vscode.LanguageModelChatMessage[] = [];
  // Tool results answering one assistant turn travel together in the user message after it, as VS Code expects.
  let results: vscode.LanguageModelToolResultPart[] = [];
  const flush = (): void => {
    if (results.length) out.push(vscode.LanguageModelChatMessage.User(results));
    results = [];
  };
  for (const m of messages) {
    if (m.role === 'tool') {
      results.push(new vscode.LanguageModelToolResultPart(m.tool_call_id, [new vscode.LanguageModelTextPart(textOf(m.content))]));
      continue;
    }
    flush();
    if (m.role === 'assistant') {
      const parts: (vscode.LanguageModelTextPart | vscode.LanguageModelToolCallPart)[] = [];
      const text = textOf(m.content ?? '');
      if (text) parts.push(new vscode.LanguageModelTextPart(text));
      for (const call of m.tool_calls ?? []) {
        if (call.type === 'function') parts.push(new vscode.LanguageModelToolCallPart(call.id, call.function.name, parseArguments(call.function.arguments)));
      }
      out.push(vscode.LanguageModelChatMessage.Assistant(parts.length ? parts : ''));
    } else if (m.role === 'user' || m.role === 'system' || m.role === 'developer') {
      const parts: UserPart[] = [new vscode.LanguageModelTextPart(textOf(m.content))];
      out.push(vscode.LanguageModelChatMessage.User(parts));
    }
  }
  flush();
  return out;
}

/** The request's tools as LanguageModelChatTools, and whether one must be called. */
export function toLmTools(request: ChatRequest): Pick<vscode.LanguageModelChatRequestOptions, 'tools' | 'toolMode'> {
  const tools = (request.tools ?? []).flatMap((t) =>
    t.type === 'function' ? [{ name: t.function.name, description: t.function.description ?? '', inputSchema: t.function.parameters ?? { type: 'object', properties: {} } }] : [],
  );
  if (tools.length === 0 || request.tool_choice === 'none') return {};
  const required = request.tool_choice === 'required' || (typeof request.tool_choice === 'object' && request.tool_choice !== null);
  return { tools, toolMode: required ? vscode.LanguageModelChatToolMode.Required : vscode.LanguageModelChatToolMode.Auto };
}

/** Text of a message's content; images and other non-text parts cannot go through this API and are left out. */
function textOf(content: string | readonly ChatCompletionContentPart[] | readonly { type: string; text?: string }[] | null | undefined): string {
  if (typeof content === 'string') return content;
  return (content ?? []).flatMap((p) => (p.type === 'text' && typeof p.text === 'string' ? [p.text] : [])).join('\n');
}

/** Tool-call arguments are JSON text in OpenAI's shape and an object in VS Code's; text that is not an object is kept whole. */
function parseArguments(args: string): object {
  try {
    const v: unknown = JSON.parse(args || '{}');
    return typeof v === 'object' && v !== null && !Array.isArray(v) ? v : { input: v };
  } catch {
    return { input: args };
  }
}
