// The VS Code language-model message parts as plain shapes, recognised by their fields, so the
// translation to and from OpenAI's chat shapes runs (and is tested) without VS Code. In the host the
// parts are instances of vscode.LanguageModelTextPart etc.; these guards accept those and fakes alike.

/** LanguageModelChatMessageRole: User 1, Assistant 2; System 3 is still a proposal but hosts send it. */
export const ROLE_USER = 1;
export const ROLE_ASSISTANT = 2;
export const ROLE_SYSTEM = 3;

export interface TextPartLike {
  value: string;
}
export interface ToolCallPartLike {
  callId: string;
  name: string;
  input: object;
}
export interface ToolResultPartLike {
  callId: string;
  content: readonly unknown[];
}
/** LanguageModelDataPart (a proposal in 1.104; images arrive this way): bytes with a MIME type. */
export interface DataPartLike {
  mimeType: string;
  data: Uint8Array;
}
/** LanguageModelPromptTsxPart: a rendered prompt-tsx element, opaque to us. */
export interface PromptTsxPartLike {
  value: unknown;
}

export interface MessageLike {
  role: number;
  content: readonly unknown[];
  name: string | undefined;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

export const isToolCallPart = (p: unknown): p is ToolCallPartLike => isRecord(p) && typeof p.callId === 'string' && typeof p.name === 'string' && isRecord(p.input);
export const isToolResultPart = (p: unknown): p is ToolResultPartLike => isRecord(p) && typeof p.callId === 'string' && Array.isArray(p.content);
export const isDataPart = (p: unknown): p is DataPartLike => isRecord(p) && typeof p.mimeType === 'string' && p.data instanceof Uint8Array;
export const isTextPart = (p: unknown): p is TextPartLike => isRecord(p) && typeof p.value === 'string' && !('callId' in p);
export const isPromptTsxPart = (p: unknown): p is PromptTsxPartLike => isRecord(p) && 'value' in p && typeof p.value !== 'string';

/** Builds the response parts; the host passes the vscode classes' constructors, tests pass plain ones. */
export interface PartFactory<P> {
  text(value: string): P;
  toolCall(callId: string, name: string, input: object): P;
}
