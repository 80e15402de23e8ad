// A provider the host hands to the core instead of one built from config: the editor's own models
// (VS Code's `vscode.lm`, src/extension/editor-models). The core treats it as cloud and strong, and
// lets requests from the HTTP endpoint reach it only when the host says so.
import type { Provider } from './provider';

/** One model an external provider offers now. */
export interface ExternalModel {
  /** The model part of its Oblix id (`copilot/gpt-4.1` in `vscode:copilot/gpt-4.1`). */
  readonly model: string;
  /** Its name in words, for decisions and the chat view. */
  readonly name: string;
  /** The most prompt tokens it takes (VS Code's `maxInputTokens`); null when not said. */
  readonly maxInputTokens: number | null;
}

/** What a ledger records as the cost of an external model's answer: paid by the editor's subscription, not 0. */
export const INCLUDED_IN_SUBSCRIPTION = 'included in subscription';

export interface ExternalProvider extends Provider {
  readonly external: true;
  /** The models it offers now; read at every plan, so it must be cheap (the same array until they change). */
  models(): readonly ExternalModel[];
  /** Why a model may not be used this session (the user refused consent), or null. */
  refusal(model: string): string | null;
  /** Whether requests through the HTTP endpoint may reach it (they belong to the editor's account). */
  readonly onEndpoint: boolean;
  /** The cost a ledger should record for its answers (INCLUDED_IN_SUBSCRIPTION). */
  readonly cost: string;
}

export function isExternal(p: Provider | undefined): p is ExternalProvider {
  return (p as Partial<ExternalProvider> | undefined)?.external === true;
}
