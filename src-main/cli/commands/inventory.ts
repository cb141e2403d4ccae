import type { Box } from '../../../src-shared/domain/box';
import type { Command, Io } from '../command';
import { EXIT, UsageError, str } from '../command';
import { printJson, reportError } from '../output';

const FORMATS = ['ansible', 'json'] as const;

/**
 * A tag as an Ansible group name: letters, digits and underscores, not starting with a digit (Ansible warns about
 * and rewrites anything else), and never one of the groups Ansible defines itself.
 */
export function groupName(tag: string): string {
  const safe = tag.replace(/[^A-Za-z0-9_]/g, '_');
  return /^[0-9]/.test(safe) || safe === 'all' || safe === 'ungrouped' ? `tag_${safe}` : safe;
}

/** What the fleet exports: where and as whom to log in, and the tags. Never a secret, a key or a key path. */
export function inventoryOf(boxes: readonly Box[]) {
  const hosts = boxes.map((b) => ({
    name: b.name,
    host: b.host,
    port: b.port,
    user: b.user,
    tags: b.tags,
    ...(b.jumpHost ? { jumpHost: { host: b.jumpHost.host, port: b.jumpHost.port, user: b.jumpHost.user } } : {}),
  }));
  const groups: Record<string, string[]> = {};
  for (const box of boxes) for (const tag of box.tags) (groups[groupName(tag)] ??= []).push(box.name);
  return { hosts, groups };
}

/** Every scalar is written as a JSON string or number, which YAML reads as the same value: nothing to escape by hand. */
const q = (value: string | number): string => JSON.stringify(value);

/** A YAML inventory for Ansible's `yaml` inventory plugin: `all.hosts` with connection variables, tags as `children`. */
export function ansibleInventory(boxes: readonly Box[]): string {
  const { groups } = inventoryOf(boxes);
  const lines = ['# Boxfleet inventory (no secrets): ansible-inventory -i THIS_FILE --list', 'all:', '  hosts:'];
  if (boxes.length === 0) lines[lines.length - 1] = '  hosts: {}';
  for (const box of boxes) {
    lines.push(`    ${q(box.name)}:`);
    lines.push(`      ansible_host: ${q(box.host)}`);
    lines.push(`      ansible_port: ${q(box.port)}`);
    lines.push(`      ansible_user: ${q(box.user)}`);
    if (box.jumpHost) {
      const jump = `${box.jumpHost.user}@${box.jumpHost.host}:${box.jumpHost.port}`;
      lines.push(`      ansible_ssh_common_args: ${q(`-o ProxyJump=${jump}`)}`);
    }
  }
  const names = Object.keys(groups).sort();
  if (names.length > 0) {
    lines.push('  children:');
    for (const group of names) {
      lines.push(`    ${q(group)}:`, '      hosts:');
      for (const host of groups[group] ?? []) lines.push(`        ${q(host)}: {}`);
    }
  }
  return lines.join('\n') + '\n';
}

function print(io: Io, format: (typeof FORMATS)[number], boxes: Box[]): void {
  if (format === 'json') printJson(io, inventoryOf(boxes));
  else io.out(ansibleInventory(boxes));
}

export const inventoryCommand: Command = {
  path: ['inventory'],
  usage: 'boxfleet inventory --format ansible|json',
  summary: 'Export the fleet (hosts, ports, users, tags as groups; never secrets) for other automation',
  options: { format: { type: 'string' } },
  optionHelp: { format: 'ansible (a YAML inventory for ansible-inventory -i FILE) or json' },
  details: [
    'ansible: every box is a host named as in Boxfleet with ansible_host, ansible_port and ansible_user (and a ' +
      'ProxyJump in ansible_ssh_common_args for a box behind a jump host); each tag is a group, with characters ' +
      'Ansible does not allow in group names written as _. Credentials stay in the keychain: give Ansible your key.',
    'json: {hosts: [{name, host, port, user, tags, jumpHost?}], groups: {GROUP: [names]}}.',
  ],
  positionals: [],
  json: false,
  async run({ core, io, values }) {
    const format = str(values, 'format');
    if (!format) throw new UsageError('inventory needs --format ansible or --format json.');
    if (!FORMATS.includes(format as (typeof FORMATS)[number]))
      throw new UsageError(`--format is ansible or json, not "${format}".`);
    const listed = await (await core()).router.call('boxes.list', {}, { face: 'cli' });
    if (!listed.ok) return reportError(io, listed.error);
    print(io, format as (typeof FORMATS)[number], listed.value as Box[]);
    return EXIT.ok;
  },
};
