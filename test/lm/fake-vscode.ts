// The few parts of the 'vscode' module the language-model provider and the server host use, for unit tests that load
// it without VS Code (install with useFakeVscode() before requiring the provider).
import Module from 'node:module';
import * as path from 'node:path';

export class EventEmitter<T> {
  private listeners: ((e: T) => void)[] = [];
  readonly event = (listener: (e: T) => void): { dispose(): void } => {
    this.listeners.push(listener);
    return { dispose: () => (this.listeners = this.listeners.filter((l) => l !== listener)) };
  };
  fire(e: T): void {
    for (const l of [...this.listeners]) l(e);
  }
  dispose(): void {
    this.listeners = [];
  }
}

export class LanguageModelTextPart {
  constructor(readonly value: string) {}
}

export class LanguageModelToolCallPart {
  constructor(
    readonly callId: string,
    readonly name: string,
    readonly input: object,
  ) {}
}

export class LanguageModelToolResultPart {
  constructor(
    readonly callId: string,
    readonly content: unknown[],
  ) {}
}

export class LanguageModelChatMessage {
  constructor(
    readonly role: number,
    readonly content: unknown[],
  ) {}
  static User(content: string | unknown[]): LanguageModelChatMessage {
    return new LanguageModelChatMessage(1, typeof content === 'string' ? [new LanguageModelTextPart(content)] : content);
  }
  static Assistant(content: string | unknown[]): LanguageModelChatMessage {
    return new LanguageModelChatMessage(2, typeof content === 'string' ? [new LanguageModelTextPart(content)] : content);
  }
}

export const LanguageModelChatToolMode = { Auto: 1, Required: 2 };

/** A token whose cancel() tells its listeners, as VS Code's does. */
export class CancellationTokenSource {
  private readonly emitter = new EventEmitter<void>();
  readonly token = { isCancellationRequested: false, onCancellationRequested: this.emitter.event };
  cancel(): void {
    if (this.token.isCancellationRequested) return;
    this.token.isCancellationRequested = true;
    this.emitter.fire();
  }
  dispose(): void {
    this.emitter.dispose();
  }
}

export class CancellationError extends Error {
  constructor() {
    super('Canceled');
    this.name = 'Canceled';
  }
}

export class LanguageModelError extends Error {
  private constructor(
    message: string,
    readonly code: string,
  ) {
    super(message);
  }
  static NotFound(message?: string): LanguageModelError {
    return new LanguageModelError(message ?? '', 'NotFound');
  }
  static NoPermissions(message?: string): LanguageModelError {
    return new LanguageModelError(message ?? '', 'NoPermissions');
  }
  static Blocked(message?: string): LanguageModelError {
    return new LanguageModelError(message ?? '', 'Blocked');
  }
}

/** What register.ts reads; tests set or remove the functions to play an older or newer host. */
export const lm: Record<string, unknown> = {};
export const chat: Record<string, unknown> = {};
export let version = '1.99.3';
export function setVersion(v: string): void {
  version = v;
}
export const Uri = { joinPath: (base: { path: string }, ...segments: string[]) => ({ path: [base.path, ...segments].join('/') }) };
export const ConfigurationTarget = { Global: 1 };
export const workspace = { getConfiguration: () => ({ update: async () => undefined }) };
/** What the server host calls (showErrorMessage, executeCommand); tests set the functions they expect. */
export const window: Record<string, unknown> = {};
export const commands: Record<string, unknown> = {};

/** Node's resolver, as far as this needs it (an internal API, hence the narrow cast). */
const resolver = Module as unknown as { _resolveFilename(request: string, ...rest: unknown[]): string };

/** Makes require('vscode') load this file from now on. */
export function useFakeVscode(): void {
  const original = resolver._resolveFilename;
  const self = path.join(__dirname, 'fake-vscode.ts');
  resolver._resolveFilename = function (request: string, ...rest: unknown[]): string {
    return request === 'vscode' ? self : original.call(this, request, ...rest);
  };
}
