import type { ChecksChange, ChecksRun, ChecksSummary } from '../../src-shared/domain/fleet-health';
import type { StatusItem } from '../../src-shared/domain/miab';

/** The box's nightly mail files items that come before any heading under this name. */
export const NO_HEADING = 'No Category';

export interface HeadedItem extends StatusItem {
  heading: string;
}

/** The checks as a list with each item's heading attached (heading items themselves are folded into the field). */
export function withHeadings(items: readonly StatusItem[]): HeadedItem[] {
  let heading = NO_HEADING;
  const out: HeadedItem[] = [];
  for (const item of items) {
    if (item.type === 'heading') heading = item.text;
    else out.push({ heading, ...item });
  }
  return out;
}

/** Counted as the box's own status page counts its summary line: ok, warning and error items; headings are not checks. */
export function summarizeRun(run: ChecksRun): ChecksSummary {
  const summary = { ok: 0, warning: 0, error: 0, at: run.at };
  for (const item of run.items) {
    if (item.type === 'ok' || item.type === 'warning' || item.type === 'error') summary[item.type]++;
  }
  return summary;
}

/** Items grouped under their headings, in the box's order; like the mail, an (empty) no-heading group always exists. */
function groupByHeading(items: readonly StatusItem[]): Map<string, StatusItem[]> {
  const groups = new Map<string, StatusItem[]>([[NO_HEADING, []]]);
  let current = groups.get(NO_HEADING) as StatusItem[];
  for (const item of items) {
    if (item.type === 'heading') {
      current = [];
      groups.set(item.text, current);
    } else current.push(item);
  }
  return groups;
}

type Opcode = ['equal' | 'replace' | 'delete' | 'insert', number, number, number, number];

/** The longest run of equal keys in a[alo:ahi] and b[blo:bhi]; ties go to the earliest in a, then in b. */
function longestMatch(
  a: readonly string[],
  bIndex: Map<string, number[]>,
  alo: number,
  ahi: number,
  blo: number,
  bhi: number,
): [number, number, number] {
  let best: [number, number, number] = [alo, blo, 0];
  let runs = new Map<number, number>();
  for (let i = alo; i < ahi; i++) {
    const next = new Map<number, number>();
    for (const j of bIndex.get(a[i] as string) ?? []) {
      if (j < blo) continue;
      if (j >= bhi) break;
      const k = (runs.get(j - 1) ?? 0) + 1;
      next.set(j, k);
      if (k > best[2]) best = [i - k + 1, j - k + 1, k];
    }
    runs = next;
  }
  return best;
}

/**
 * Edit operations turning `a` into `b`, found the way the box's mail finds them (Python's difflib.SequenceMatcher:
 * the longest common block first, then the same on each side of it), so both report the same changes.
 */
export function opcodes(a: readonly string[], b: readonly string[]): Opcode[] {
  const bIndex = new Map<string, number[]>();
  b.forEach((key, j) => bIndex.set(key, [...(bIndex.get(key) ?? []), j]));
  const blocks: Array<[number, number, number]> = [];
  const queue: Array<[number, number, number, number]> = [[0, a.length, 0, b.length]];
  while (queue.length > 0) {
    const [alo, ahi, blo, bhi] = queue.pop() as [number, number, number, number];
    const [i, j, k] = longestMatch(a, bIndex, alo, ahi, blo, bhi);
    if (k === 0) continue;
    blocks.push([i, j, k]);
    if (alo < i && blo < j) queue.push([alo, i, blo, j]);
    if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
  }
  blocks.sort((x, y) => x[0] - y[0] || x[1] - y[1]);
  blocks.push([a.length, b.length, 0]);
  const ops: Opcode[] = [];
  let i = 0;
  let j = 0;
  for (const [ai, bj, size] of blocks) {
    if (i < ai && j < bj) ops.push(['replace', i, ai, j, bj]);
    else if (i < ai) ops.push(['delete', i, ai, j, bj]);
    else if (j < bj) ops.push(['insert', i, ai, j, bj]);
    if (size > 0) ops.push(['equal', ai, ai + size, bj, bj + size]);
    i = ai + size;
    j = bj + size;
  }
  return ops;
}

/** Equal items serialise equally: the mail compares `json.dumps` of each recorded line. */
const keyOf = (item: StatusItem): string =>
  JSON.stringify([item.type, item.text, item.extra.map((e) => [e.monospace, e.text])]);

/**
 * What changed between two runs, as the box's nightly status mail computes it (management/status_checks.py,
 * run_and_output_changes): heading by heading, the item lists are compared in order; a new heading lists all its
 * items as added, a heading that is gone is one `removed` change without items ("This section was removed.").
 * A replaced stretch is paired item by item as `changed`; the longer side's rest is added or removed.
 * Unlike the mail, an item's `extra` lines travel with the item rather than as separate lines.
 */
export function diffRuns(previous: ChecksRun | null, latest: ChecksRun | null): ChecksChange[] {
  if (!previous || !latest) return [];
  const before = groupByHeading(previous.items);
  const after = groupByHeading(latest.items);
  const changes: ChecksChange[] = [];
  for (const [heading, items] of after) {
    const old = before.get(heading);
    if (!old) {
      for (const item of items) changes.push({ heading, kind: 'added', after: item });
      continue;
    }
    for (const [op, i1, i2, j1, j2] of opcodes(old.map(keyOf), items.map(keyOf))) {
      if (op === 'equal') continue;
      const gone = old.slice(i1, i2);
      const came = items.slice(j1, j2);
      for (let n = 0; n < Math.max(gone.length, came.length); n++) {
        const b = gone[n];
        const a = came[n];
        if (b && a) changes.push({ heading, kind: 'changed', before: b, after: a });
        else if (b) changes.push({ heading, kind: 'removed', before: b });
        else if (a) changes.push({ heading, kind: 'added', after: a });
      }
    }
  }
  for (const heading of before.keys()) if (!after.has(heading)) changes.push({ heading, kind: 'removed' });
  return changes;
}
