// What an error says about the routing mode when the mode is why nothing could answer: which mode,
// and the three places it is set, so nobody has to guess why a configured model was never tried.
import type { RoutingMode } from '../config/config';

const WHERE = 'change it with `--mode` (oblix serve), `"mode"` in the config file, or the `oblix.routing.mode` setting in VS Code';

/** A sentence naming the mode and how to change it; empty in `auto`, which excludes no model. */
export function modeHint(mode: RoutingMode): string {
  if (mode === 'local-only') return `Oblix is in local-only mode, so no cloud model is tried: ${WHERE}.`;
  if (mode === 'cloud-only') return `Oblix is in cloud-only mode, so no local model is tried: ${WHERE}.`;
  return '';
}
