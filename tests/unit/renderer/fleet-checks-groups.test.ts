import type { StatusItem } from '../../../src-shared/domain/miab';
import {
  collapseWhitespace,
  countByType,
  filterGroups,
  groupByHeading,
} from '../../../src-renderer/screens/checks/checks-groups';
import { timeTick } from '../../../src-renderer/screens/dashboard/chart-axes';

const item = (type: StatusItem['type'], text: string, extra: StatusItem['extra'] = []): StatusItem => ({
  type,
  text,
  extra,
});

/** A run as the box answers POST /system/status: headings are items of their own, in the box's order. */
const RUN: StatusItem[] = [
  item('heading', 'System'),
  item('ok', 'All system services are running.'),
  item('error', 'There are 2 software packages that can be updated.', [
    { monospace: true, text: 'openssl (3.0.2-0ubuntu1.15)' },
    { monospace: true, text: 'libssl3 (3.0.2-0ubuntu1.15)' },
  ]),
  item('heading', 'Network'),
  item('warning', 'Outbound mail (SMTP port 25) seems to be blocked.'),
  item('na', 'No SMTP relay has been set up.'),
  item('heading', '  box.example.com\n'),
  item('ok', "Domain's email is directed to this domain.   [box.example.com ↦ 10 box.example.com]"),
];

describe('status checks grouped under their headings', () => {
  it('keeps the box order, with each heading over the items after it', () => {
    const groups = groupByHeading(RUN);
    expect(groups.map((group) => [group.heading, group.items.length])).toEqual([
      ['System', 2],
      ['Network', 2],
      ['box.example.com', 1],
    ]);
    expect(groups[1]?.items.map((i) => i.type)).toEqual(['warning', 'na']);
  });

  it('puts items before any heading under "General", and keeps a heading with no items', () => {
    const groups = groupByHeading([
      item('ok', 'Before any heading.'),
      item('heading', 'Empty'),
      item('heading', 'Last'),
    ]);
    expect(groups).toEqual([
      { heading: 'General', items: [item('ok', 'Before any heading.')] },
      { heading: 'Empty', items: [] },
      { heading: 'Last', items: [] },
    ]);
    // A filter drops a group left without items, so no heading stands alone.
    expect(filterGroups(groups, { mode: 'all', query: '' }).map((g) => g.heading)).toEqual(['General']);
  });

  it('filters to problems only, and by text in the heading, the item or its extra lines', () => {
    const groups = groupByHeading(RUN);
    const headings = (mode: 'all' | 'problems', query: string) =>
      filterGroups(groups, { mode, query }).map((g) => [g.heading, g.items.map((i) => i.type)]);
    expect(headings('problems', '')).toEqual([
      ['System', ['error']],
      ['Network', ['warning']],
    ]);
    expect(headings('all', 'libssl3')).toEqual([['System', ['error']]]);
    expect(headings('all', '  NETWORK ')).toEqual([['Network', ['warning', 'na']]]);
    expect(headings('problems', 'relay')).toEqual([]);
    expect(headings('all', 'box.example.com')).toEqual([['box.example.com', ['ok']]]);
  });

  it('counts ok, warnings and errors, leaving headings and n/a out', () => {
    expect(countByType(RUN)).toEqual({ ok: 2, warning: 1, error: 1 });
  });

  it('shows the box text on one line: its layout whitespace means nothing on screen', () => {
    expect(collapseWhitespace('  a\n\tb   c ')).toBe('a b c');
  });
});

describe('chart time ticks', () => {
  const at = Date.parse('2026-11-29T14:05:00Z') / 1000;
  it('says the time of day over up to two days, the date over longer spans', () => {
    expect(timeTick(at, 3600)).toMatch(/\d{1,2}:\d{2}/);
    expect(timeTick(at, 7 * 86_400)).not.toMatch(/:/);
    expect(timeTick(at, 7 * 86_400)).toMatch(/29/);
  });
});
