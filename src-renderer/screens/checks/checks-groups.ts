import type { StatusItem } from '../../../src-shared/domain/miab';
import type { ChecksFilter } from '../../stores/checks-store';

export interface CheckGroup {
  readonly heading: string;
  readonly items: readonly StatusItem[];
}

/** The box's text as one line: its layout whitespace (newlines, runs of spaces) means nothing on screen. */
export function collapseWhitespace(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** Items under their headings, as the box lists them (a heading is an item of its own in the box's answer). */
export function groupByHeading(items: readonly StatusItem[]): CheckGroup[] {
  const groups: Array<{ heading: string; items: StatusItem[] }> = [];
  for (const item of items) {
    if (item.type === 'heading') {
      groups.push({ heading: collapseWhitespace(item.text), items: [] });
      continue;
    }
    let current = groups.at(-1);
    if (!current) {
      current = { heading: 'General', items: [] };
      groups.push(current);
    }
    current.items.push(item);
  }
  return groups;
}

function matches(item: StatusItem, filter: ChecksFilter, heading: string): boolean {
  if (filter.mode === 'problems' && item.type !== 'warning' && item.type !== 'error') return false;
  const query = filter.query.trim().toLowerCase();
  if (query === '') return true;
  const text = [heading, item.text, ...item.extra.map((line) => line.text)].join('\n').toLowerCase();
  return text.includes(query);
}

/** The groups with only the items the filter lets through; a group left empty is dropped. */
export function filterGroups(groups: readonly CheckGroup[], filter: ChecksFilter): CheckGroup[] {
  return groups
    .map((group) => ({
      heading: group.heading,
      items: group.items.filter((item) => matches(item, filter, group.heading)),
    }))
    .filter((group) => group.items.length > 0);
}

export function countByType(items: readonly StatusItem[]): { ok: number; warning: number; error: number } {
  let ok = 0;
  let warning = 0;
  let error = 0;
  for (const item of items) {
    if (item.type === 'ok') ok += 1;
    else if (item.type === 'warning') warning += 1;
    else if (item.type === 'error') error += 1;
  }
  return { ok, warning, error };
}
