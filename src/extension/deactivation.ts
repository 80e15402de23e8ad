// What deactivation can do for answers in flight on the endpoint, within the time VS Code gives it.
// VS Code's extension host, told to terminate, calls every deactivate and exits one second later
// unless a deactivate returned a promise (then at most four seconds more: extensionHostMain.ts,
// terminate()). Oblix returns none: a returned promise left code-server's reloaded window without
// a usable command palette. So the grace and the honest ends must fit inside that one second.

/** The extension host exits this long after deactivate when deactivate returns no promise. */
export const HOST_EXIT_AFTER_DEACTIVATE_MS = 1_000;
/** Answers in flight get this long to finish; the rest of the second is for writing their error events. */
export const DEACTIVATE_GRACE_MS = 500;

/** The endpoint as deactivation sees it (ServerHost). */
export interface Endpoint {
  stop(graceMs?: number): Promise<void>;
}

/** Stops the endpoint: answers still running after the grace end with an error event and their end marker. */
export function endAnswers(endpoint: Endpoint): Promise<void> {
  return endpoint.stop(DEACTIVATE_GRACE_MS);
}
