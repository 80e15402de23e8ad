// Small readers for untrusted JSON bodies, shared by the dialect parsers; each failure is a 400 naming the field.
import { badParam } from '../errors/oblix-error';

export type Json = Record<string, unknown>;

export const isObject = (v: unknown): v is Json => typeof v === 'object' && v !== null && !Array.isArray(v);

export function describe(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'string') return `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}`;
  return typeof v === 'object' ? 'an object' : `${typeof v} ${String(v)}`;
}

export function has(body: Json, key: string): boolean {
  return body[key] !== undefined && body[key] !== null;
}

export function optString(body: Json, key: string, at = key): string | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'string') throw badParam(at, `${at}: must be a string, got ${describe(v)}.`, 'invalid_type');
  return v;
}

export function optBool(body: Json, key: string): boolean | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'boolean') throw badParam(key, `${key}: must be a boolean, got ${describe(v)}.`, 'invalid_type');
  return v;
}

export function optNumber(body: Json, key: string, min: number, max: number): number | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isFinite(v)) throw badParam(key, `${key}: must be a number, got ${describe(v)}.`, 'invalid_type');
  if (v < min || v > max) throw badParam(key, `${key}: ${v} is out of range, expected a value between ${min} and ${max}.`);
  return v;
}

export function optInt(body: Json, key: string, min: number): number | null {
  const v = body[key];
  if (v === undefined || v === null) return null;
  if (typeof v !== 'number' || !Number.isInteger(v)) throw badParam(key, `${key}: must be an integer, got ${describe(v)}.`, 'invalid_type');
  if (v < min) throw badParam(key, `${key}: ${v} is less than the minimum of ${min}.`);
  return v;
}

/** A model name that can travel in the x-oblix-model header: printable ASCII, no spaces. */
export function modelName(body: Json): string {
  const model = body.model;
  if (model === undefined || model === null) throw badParam('model', 'model: Field required', 'missing_required_parameter');
  if (typeof model !== 'string' || !/^[\x21-\x7e]+$/.test(model.trim())) {
    throw badParam('model', `model: must be 'auto', '<provider>:<model>' or an alias (printable ASCII, no spaces), got ${describe(model)}.`, 'invalid_type');
  }
  return model.trim();
}
