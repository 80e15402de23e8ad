// Checks a call's arguments against its tool's JSON Schema with Ajv. Compiling a schema costs far
// more than checking with it, and agents send the same tools on every turn, so each schema is
// compiled once and kept by its text (a request's schema objects are new on every turn).
import Ajv, { type ValidateFunction } from 'ajv';

// strict: false, validateFormats: false: tool schemas come from every agent and MCP server, with
// keywords and formats Ajv's strict mode refuses; a check must never fail because of the schema.
const ajv = new Ajv({ strict: false, validateFormats: false, allErrors: false });

/** Compiled schemas by their JSON text; bounded, oldest out first. */
const compiled = new Map<string, ValidateFunction | null>();
const MAX_SCHEMAS = 256;

/** Why the arguments do not fit, or null when they do (or the schema cannot be compiled, so cannot judge). */
export function argumentProblem(args: string, schema: unknown): string | null {
  let value: unknown;
  try {
    value = JSON.parse(args === '' ? '{}' : args);
  } catch {
    return 'its arguments are not JSON';
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return 'its arguments are not a JSON object';
  const validate = validator(schema);
  if (!validate || validate(value)) return null;
  const e = validate.errors?.[0];
  return `its arguments do not fit the tool's schema: ${e ? `${e.instancePath || '(the arguments)'} ${e.message ?? 'is invalid'}` : 'invalid'}`;
}

function validator(schema: unknown): ValidateFunction | null {
  if (typeof schema !== 'object' || schema === null) return null;
  const key = JSON.stringify(schema);
  const known = compiled.get(key);
  if (known !== undefined) return known;
  let fn: ValidateFunction | null;
  try {
    // `$schema` names a draft Ajv may not have loaded (2020-12); the keywords agents use are common to all.
    const { $schema: _drop, ...rest } = schema as Record<string, unknown>;
    fn = ajv.compile(rest);
  } catch {
    fn = null;
  }
  if (compiled.size >= MAX_SCHEMAS) compiled.delete(compiled.keys().next().value!);
  compiled.set(key, fn);
  return fn;
}

/** How many schemas are compiled (for the tests that prove compiling happens once). */
export function compiledSchemas(): number {
  return compiled.size;
}
