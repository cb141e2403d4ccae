import { diffRuns, opcodes, summarizeRun, withHeadings } from '../../../src-main/health/checks-diff';
import type { ChecksRun } from '../../../src-shared/domain/fleet-health';
import type { StatusItem } from '../../../src-shared/domain/miab';
import { DIFFLIB_CASES } from './difflib-cases';

const h = (text: string): StatusItem => ({ type: 'heading', text, extra: [] });
const okItem = (text: string): StatusItem => ({ type: 'ok', text, extra: [] });
const warn = (text: string): StatusItem => ({ type: 'warning', text, extra: [] });
const err = (text: string): StatusItem => ({ type: 'error', text, extra: [] });
const run = (items: StatusItem[], at = '2026-11-01T08:00:00.000Z'): ChecksRun => ({ boxId: 'box-one', at, items });

const base = [
  h('System'),
  okItem('All system services are running.'),
  okItem('The disk has 18.52 GB space remaining.'),
  h('Network'),
  okItem('Firewall is active.'),
  h('box.example.com'),
  okItem('Nameserver glue records are correct.'),
];

describe('opcodes', () => {
  it.each(DIFFLIB_CASES)('matches difflib for %j → %j', (a, b, expected) => {
    expect(opcodes([...a], [...b])).toEqual(expected);
  });
});

describe('diffRuns, as the nightly status mail compares runs', () => {
  it('finds nothing between equal runs, and nothing without a previous run', () => {
    expect(diffRuns(run(base), run(base))).toEqual([]);
    expect(diffRuns(null, run(base))).toEqual([]);
  });

  it('pairs a replaced item as changed under its heading', () => {
    const after = [...base];
    after[2] = warn('The disk has 1.2 GB space remaining.');
    expect(diffRuns(run(base), run(after))).toEqual([
      { heading: 'System', kind: 'changed', before: base[2], after: after[2] },
    ]);
  });

  it('reports inserted and deleted items as added and removed', () => {
    const after = [...base.slice(0, 4), err('The firewall is off.'), ...base.slice(5)];
    after.splice(2, 1);
    const changes = diffRuns(run(base), run(after));
    expect(changes).toEqual([
      { heading: 'System', kind: 'removed', before: base[2] },
      { heading: 'Network', kind: 'changed', before: base[4], after: err('The firewall is off.') },
    ]);
    const longer = [...base, okItem('MTA-STS policy is present.')];
    expect(diffRuns(run(base), run(longer))).toEqual([
      { heading: 'box.example.com', kind: 'added', after: okItem('MTA-STS policy is present.') },
    ]);
  });

  it('lists every item of a new heading as added, and a gone heading once as removed', () => {
    const after = [...base.slice(0, 5), h('other.example'), warn('No MX record.')];
    expect(diffRuns(run(base), run(after))).toEqual([
      { heading: 'other.example', kind: 'added', after: warn('No MX record.') },
      { heading: 'box.example.com', kind: 'removed' },
    ]);
  });

  it("treats a change in an item's extra lines as a change of the item", () => {
    const withExtra = (line: string): StatusItem => ({
      type: 'warning',
      text: 'There are 2 software packages that can be updated.',
      extra: [{ monospace: true, text: line }],
    });
    const before = [h('System'), withExtra('openssl (3.0.2)')];
    const after = [h('System'), withExtra('openssl (3.0.3)')];
    expect(diffRuns(run(before), run(after))).toEqual([
      { heading: 'System', kind: 'changed', before: before[1], after: after[1] },
    ]);
  });
});

describe('summaries and headings', () => {
  it('counts ok, warning and error items as the box page does (headings and na not counted)', () => {
    const items = [...base, warn('w'), err('e'), { type: 'na' as const, text: 'n/a', extra: [] }];
    expect(summarizeRun(run(items))).toEqual({ ok: 4, warning: 1, error: 1, at: '2026-11-01T08:00:00.000Z' });
  });

  it('attaches each item to its heading', () => {
    expect(withHeadings([okItem('before any heading'), ...base.slice(0, 2)])).toEqual([
      { heading: 'No Category', ...okItem('before any heading') },
      { heading: 'System', ...base[1] },
    ]);
  });
});
