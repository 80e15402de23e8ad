// One wrong config value, named by its core field, and the readers that check a raw value and record
// what is wrong with it. Both hosts read through these: the CLI refuses the first problem, the
// extension lists them all, each under its own setting name.
import { didYouMean } from '../support/closest-name';

export interface ConfigProblem {
  /** The core field at fault, as a config file spells it: `port`, `thresholds.lowBatteryPct`, `providers[2].kind`. */
  readonly field: string;
  /** What is wrong, written to follow the field's name: `must be a whole number from 0 to 65535, not 70000`. */
  readonly message: string;
  /** What a lenient host does instead (`using 62549`, `left out`); a strict host refuses to start. */
  readonly instead?: string;
}

/** A problem's field that is an environment variable (OLLAMA_HOST, OLLAMA_CONTEXT_LENGTH) goes by that name in every host. */
export function isVariableName(field: string): boolean {
  return /^[A-Z][A-Z0-9_]*$/.test(field);
}

/** Unset, as both hosts mean it: absent from the file, or a setting VS Code reports as null. */
export function isUnset(v: unknown): v is undefined | null {
  return v === undefined || v === null;
}

export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

/** Collects the problems of one normalisation; each reader returns the value to use. */
export class ProblemLog {
  readonly problems: ConfigProblem[] = [];

  add(field: string, message: string, instead?: string): void {
    this.problems.push(instead === undefined ? { field, message } : { field, message, instead });
  }

  /**
   * Names each key of `v` that is not in `known` (config-fields.ts), with the closest known one:
   * `thresholds.maxCpuLoad` is not a known field; did you mean "maxCpuLoadPct"? `at` is the object's
   * own field, empty for the top level.
   */
  unknownFields(at: string, v: Record<string, unknown>, known: readonly string[]): void {
    for (const key of Object.keys(v)) {
      if (known.includes(key)) continue;
      const near = didYouMean(key, known);
      this.add(at ? `${at}.${key}` : key, `is not a known field; ${near || `the known ones are ${known.join(', ')}`}`, 'ignored');
    }
  }

  /** A non-empty string, else the fallback. */
  text(field: string, v: unknown, fallback: string): string {
    if (isUnset(v)) return fallback;
    if (typeof v === 'string' && v !== '') return v;
    this.add(field, `must be a non-empty string, not ${JSON.stringify(v)}`, `using ${JSON.stringify(fallback)}`);
    return fallback;
  }

  /** A whole number in [min, max]; a string of one counts, as argv and hand-written files hold them. */
  wholeNumber(field: string, v: unknown, fallback: number, min: number, max: number): number {
    if (isUnset(v)) return fallback;
    const n = typeof v === 'number' ? v : typeof v === 'string' && v.trim() !== '' ? Number(v) : NaN;
    if (Number.isInteger(n) && n >= min && n <= max) return n;
    this.add(field, `must be a whole number from ${min} to ${max}, not ${JSON.stringify(v)}`, `using ${fallback}`);
    return fallback;
  }

  /** Any finite number in [min, max] (a ratio such as memoryHeadroom 1.2). */
  number(field: string, v: unknown, fallback: number, min: number, max: number): number {
    if (isUnset(v)) return fallback;
    if (typeof v === 'number' && Number.isFinite(v) && v >= min && v <= max) return v;
    this.add(field, `must be a number from ${min} to ${max}, not ${JSON.stringify(v)}`, `using ${fallback}`);
    return fallback;
  }

  /** true or false; the strings "true" and "false" count, as argv and environment hold them. */
  flag(field: string, v: unknown, fallback: boolean): boolean {
    if (isUnset(v)) return fallback;
    if (typeof v === 'boolean') return v;
    if (v === 'true' || v === 'false') return v === 'true';
    this.add(field, `must be true or false, not ${JSON.stringify(v)}`, `using ${fallback}`);
    return fallback;
  }

  /** One of a fixed set of strings. */
  oneOf<T extends string>(field: string, v: unknown, allowed: readonly T[], fallback: T): T {
    if (isUnset(v)) return fallback;
    if (typeof v === 'string' && (allowed as readonly string[]).includes(v)) return v as T;
    this.add(field, `must be one of ${allowed.join(', ')}, not ${JSON.stringify(v)}`, `using ${fallback}`);
    return fallback;
  }

  /** A list of non-empty strings (a lone string is a list of one); other entries are left out. */
  strings(field: string, v: unknown): string[] {
    if (isUnset(v)) return [];
    const list: unknown[] = Array.isArray(v) ? v : [v];
    const good = list.filter((x): x is string => typeof x === 'string' && x.trim() !== '');
    if (good.length !== list.length) this.add(field, 'must be a list of non-empty strings', `left out ${list.length - good.length} other value(s)`);
    return good;
  }
}
