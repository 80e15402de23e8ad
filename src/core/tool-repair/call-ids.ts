// Ids of the tool calls Oblix made out of a model's text, so that a later turn of the conversation
// can tell them from calls the model made itself (routing/stuck-agent.ts counts them).

/** A call repaired from text. */
export const REPAIRED_CALL_PREFIX = 'call_repaired_';
/** A call passed on as the model made it although its arguments did not fit the tool's schema. */
export const INVALID_CALL_PREFIX = 'call_invalid_';
