import { readFile, rename } from 'node:fs/promises';
import type { z } from 'zod';
import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { StoreProblem } from '../../src-shared/contract/app';
import { writeFileAtomic } from './atomic-write';

export interface JsonFileOptions<T> {
  /** Schema version written into the file; a file with a newer version is refused rather than misread. */
  version: number;
  schema: z.ZodType<T>;
  /** What an absent file means. */
  empty: () => T;
  /** Called when a file could not be read and was moved aside, so the app can tell the user. */
  onProblem?: (problem: StoreProblem) => void;
  now?: () => Date;
}

/**
 * One versioned, schema-checked JSON file in the data directory (`{"version": n, "data": ...}`), mode 0600.
 * A file that fails to parse or validate is renamed aside and reported, never silently replaced.
 */
export class JsonFile<T> {
  private cache: T | undefined;

  constructor(
    readonly path: string,
    private readonly options: JsonFileOptions<T>,
  ) {}

  async read(): Promise<Result<T>> {
    if (this.cache !== undefined) return ok(this.cache);
    let text: string;
    try {
      text = await readFile(this.path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') {
        this.cache = this.options.empty();
        return ok(this.cache);
      }
      return fail('internal', `Could not read ${this.path}: ${(error as Error).message}`);
    }
    const problem = this.check(text);
    if (problem === null) return ok(this.cache as T);
    const movedTo = `${this.path}.corrupt-${(this.options.now?.() ?? new Date()).toISOString().replace(/[:.]/g, '-')}`;
    try {
      await rename(this.path, movedTo);
    } catch (error) {
      return fail(
        'store-corrupt',
        `${this.path} is damaged (${problem}) and could not be moved aside: ${(error as Error).message}`,
      );
    }
    const report: StoreProblem = { file: this.path, message: problem, movedTo };
    this.options.onProblem?.(report);
    this.cache = this.options.empty();
    return fail(
      'store-corrupt',
      `${this.path} could not be read (${problem}). It was moved to ${movedTo}; Boxfleet started with an empty one.`,
      {
        detail: { ...report },
      },
    );
  }

  /** Reads, treating a damaged file (already moved aside and reported) as empty. */
  async readOrEmpty(): Promise<Result<T>> {
    const result = await this.read();
    if (!result.ok && result.error.code === 'store-corrupt' && this.cache !== undefined) return ok(this.cache);
    return result;
  }

  async write(value: T): Promise<Result<void>> {
    const parsed = this.options.schema.safeParse(value);
    if (!parsed.success)
      return fail('internal', `Refusing to write invalid data to ${this.path}: ${parsed.error.message}`);
    try {
      await writeFileAtomic(
        this.path,
        JSON.stringify({ version: this.options.version, data: parsed.data }, null, 2) + '\n',
      );
    } catch (error) {
      return fail('internal', `Could not write ${this.path}: ${(error as Error).message}`);
    }
    this.cache = parsed.data;
    return ok(undefined);
  }

  /** Read-modify-write under the cache; callers serialise through their service. */
  async update(change: (current: T) => T): Promise<Result<T>> {
    const current = await this.readOrEmpty();
    if (!current.ok) return current;
    const next = change(current.value);
    const written = await this.write(next);
    return written.ok ? ok(next) : written;
  }

  /** Returns null when the text is a valid file, or why it is not. Fills the cache on success. */
  private check(text: string): string | null {
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch (error) {
      return `not valid JSON: ${(error as Error).message}`;
    }
    if (typeof raw !== 'object' || raw === null || !('version' in raw) || !('data' in raw)) {
      return 'not a Boxfleet data file (no version/data)';
    }
    const { version, data } = raw as { version: unknown; data: unknown };
    if (typeof version !== 'number' || version > this.options.version) {
      return `written by a newer Boxfleet (format ${String(version)}, this one reads ${this.options.version})`;
    }
    const parsed = this.options.schema.safeParse(data);
    if (!parsed.success)
      return `does not match the expected format: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`;
    this.cache = parsed.data;
    return null;
  }
}
