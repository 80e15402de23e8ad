// What was found in long texts seen before, looked up without hashing the whole text. A Map keyed by
// the string makes V8 hash every character of a new one (about 1.5 µs per KB here, as much as the
// secret scan itself); a fingerprint of the length and a few sampled characters finds the candidates,
// and `===` (a length check, then a compare that stops at the first difference) confirms one.

interface Entry<T> {
  readonly text: string;
  readonly value: T;
  gone: boolean;
}

/** Characters sampled, evenly spread: enough that unlike texts of one length seldom share a bucket. */
const SAMPLES = 16;
/** Texts per fingerprint kept: texts that differ only between the samples must not make a lookup compare many. */
const BUCKET_MAX = 4;

function fingerprint(text: string): number {
  const n = text.length;
  let h = n;
  const step = Math.max(1, Math.floor(n / SAMPLES));
  for (let i = 0; i < n; i += step) h = Math.imul(h ^ text.charCodeAt(i), 0x9e3779b1);
  return Math.imul(h ^ text.charCodeAt(n - 1), 0x85ebca6b) >>> 0;
}

/** A bounded memo from texts to what was found in them, oldest out first. Memory only. */
export class SeenTexts<T> {
  private readonly buckets = new Map<number, Entry<T>[]>();
  /** Insertion order, for eviction; `head` is the oldest still counted. */
  private order: Entry<T>[] = [];
  private head = 0;
  private chars = 0;

  constructor(private readonly maxChars: number) {}

  get(text: string): T | undefined {
    const bucket = this.buckets.get(fingerprint(text));
    if (bucket) for (const e of bucket) if (e.text === text) return e.value;
    return undefined;
  }

  set(text: string, value: T): void {
    const key = fingerprint(text);
    const bucket = this.buckets.get(key) ?? [];
    if (bucket.length >= BUCKET_MAX) this.drop(bucket.shift()!);
    const entry: Entry<T> = { text, value, gone: false };
    bucket.push(entry);
    this.buckets.set(key, bucket);
    this.order.push(entry);
    this.chars += text.length;
    while (this.chars > this.maxChars && this.head < this.order.length) {
      const old = this.order[this.head++]!;
      if (old.gone) continue;
      const b = this.buckets.get(fingerprint(old.text))!;
      b.splice(b.indexOf(old), 1);
      if (b.length === 0) this.buckets.delete(fingerprint(old.text));
      this.drop(old);
    }
    // The queue's dropped front is let go now and then rather than shifted on every eviction.
    if (this.head > 1024 && this.head * 2 > this.order.length) {
      this.order = this.order.slice(this.head);
      this.head = 0;
    }
  }

  private drop(e: Entry<T>): void {
    e.gone = true;
    this.chars -= e.text.length;
  }
}
