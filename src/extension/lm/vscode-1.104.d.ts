// The Language Model Chat Provider API as finalized in VS Code 1.104, declared here because
// @types/vscode stays at ~1.99 (engines.vscode is ^1.99.0 and vsce refuses newer types). These are
// the shapes of @types/vscode 1.104.0, copied without change; on 1.99–1.103 hosts the function is
// absent at run time, so every use goes through lmApi() in register.ts, which checks it exists.
// Same mechanism as VS Code's own vscode.proposed.*.d.ts files: an ambient module that merges.

declare module 'vscode' {
  /** The provider version of {@linkcode LanguageModelChatRequestOptions}. */
  export interface ProvideLanguageModelChatResponseOptions {
    /** Options that control the behaviour of the language model, specific to the model. */
    // `any` as in vscode.d.ts 1.104: the options are model-specific and untyped there.
    readonly modelOptions?: { readonly [name: string]: any };
    /** Tools the model may call; calls come back as LanguageModelToolCallPart. */
    readonly tools?: readonly LanguageModelChatTool[];
    /** The tool-selecting mode to use. The provider must implement respecting this. */
    readonly toolMode: LanguageModelChatToolMode;
  }

  /** Represents a language model provided by a {@linkcode LanguageModelChatProvider}. */
  export interface LanguageModelChatInformation {
    /** Unique per provider. */
    readonly id: string;
    readonly name: string;
    /** Opaque family name, e.g. `gpt-4o`, `llama`. */
    readonly family: string;
    readonly tooltip?: string;
    /** Rendered alongside the model. */
    readonly detail?: string;
    /** Opaque version string, matched by LanguageModelChatSelector.version. */
    readonly version: string;
    readonly maxInputTokens: number;
    readonly maxOutputTokens: number;
    readonly capabilities: {
      readonly imageInput?: boolean;
      /** A number is the maximum number of tools in one request. */
      readonly toolCalling?: boolean | number;
    };
  }

  /** The provider version of {@linkcode LanguageModelChatMessage}. */
  export interface LanguageModelChatRequestMessage {
    readonly role: LanguageModelChatMessageRole;
    readonly content: ReadonlyArray<LanguageModelInputPart | unknown>;
    readonly name: string | undefined;
  }

  /** What a {@linkcode LanguageModelChatProvider} can emit in the chat response stream. */
  export type LanguageModelResponsePart = LanguageModelTextPart | LanguageModelToolResultPart | LanguageModelToolCallPart;

  /** What can be sent via LanguageModelChat.sendRequest and processed by a provider. */
  export type LanguageModelInputPart = LanguageModelTextPart | LanguageModelToolResultPart | LanguageModelToolCallPart;

  export interface LanguageModelChatProvider<T extends LanguageModelChatInformation = LanguageModelChatInformation> {
    /** Fired when the available set of language models changes. */
    readonly onDidChangeLanguageModelChatInformation?: Event<void>;
    provideLanguageModelChatInformation(options: PrepareLanguageModelChatModelOptions, token: CancellationToken): ProviderResult<T[]>;
    provideLanguageModelChatResponse(
      model: T,
      messages: readonly LanguageModelChatRequestMessage[],
      options: ProvideLanguageModelChatResponseOptions,
      progress: Progress<LanguageModelResponsePart>,
      token: CancellationToken,
    ): Thenable<void>;
    provideTokenCount(model: T, text: string | LanguageModelChatRequestMessage, token: CancellationToken): Thenable<number>;
  }

  /** Options for {@linkcode LanguageModelChatProvider.provideLanguageModelChatInformation}. */
  export interface PrepareLanguageModelChatModelOptions {
    /** When true, resolve without prompting the user (no UI flow). */
    readonly silent: boolean;
  }

  export namespace lm {
    /**
     * Registers a {@linkcode LanguageModelChatProvider}; the vendor must also be declared in the
     * `languageModelChatProviders` contribution point. Absent before VS Code 1.104.
     */
    export function registerLanguageModelChatProvider(vendor: string, provider: LanguageModelChatProvider): Disposable;
  }
}
