/**
 * A value read at most once per REFERENCE_CACHE_MS from its source: reference data changes rarely and is
 * read on every list, so every app server may keep it for a short while.
 */
const REFERENCE_CACHE_MS = 30_000;

export class Cached<T> {
  private entry: { at: number; value: Promise<T> } | null = null;
  constructor(private readonly load: () => Promise<T>) {}
  get(): Promise<T> {
    if (!this.entry || Date.now() - this.entry.at > REFERENCE_CACHE_MS) {
      const value = this.load();
      this.entry = { at: Date.now(), value };
      value.catch(() => (this.entry = null)); // a failed read is not remembered
    }
    return this.entry.value;
  }
  clear(): void {
    this.entry = null;
  }
}
