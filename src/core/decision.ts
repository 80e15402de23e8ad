// What one routing decision was, as /health, the status bar and the chat's "why" show it. A type-only
// module, so that health.ts and its readers need not import the facade that makes decisions.
import type { Candidate, PassedOver } from './routing/policy';
import type { RequestNeeds } from './routing/request-needs';
import type { Attempt } from './routing/router';
import type { Preference } from './routing/tiers';

export interface Decision {
  readonly at: string;
  requested: string;
  selected: string | null;
  reason: string;
  candidates: Candidate[];
  passedOver: PassedOver[];
  attempts: Attempt[];
  error?: string;
  /** What the decision could not know or did besides choosing: providers not yet inventoried, a context window raised. */
  notes: string[];
  /** What the request needs (kind, modifiers, difficulty with its strongest signals). */
  needs: RequestNeeds;
  /** The preference it was routed under. */
  prefer: Preference;
  /** For `auto`: the kind, the difficulty and the preference in words, and which tier went first. */
  why?: string;
}
