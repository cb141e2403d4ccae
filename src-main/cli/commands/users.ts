import type { Command } from '../command';
import { EXIT, UsageError, str } from '../command';
import { formatTable, printJson, reportError } from '../output';
import { confirmed, generatePassword, openBox, readNewPassword, reportLines } from './mail-common';

const REFUSAL =
  'Exit status: 0 done, 1 refused or failed (the reason on stderr: a refusal by the box is its own text, ' +
  'verbatim), 2 usage error.';

const PASSWORD_STDIN = 'read the new password from standard input (never from the command line)';

export const usersListCommand: Command = {
  path: ['users', 'list'],
  usage: 'boxfleet users list --box NAME [--json]',
  summary: "List a box's mail users",
  options: { box: { type: 'string' } },
  details: [
    'JSON: a list of {domain, users: [{email, status (active or inactive = archived), privileges, quota ' +
      '("0" = unlimited), quotaBytes, usedDisplay, percent, messages, mailbox (archived users)}]}.',
  ],
  positionals: [],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'users list');
    if (!opened.ok) return opened.code;
    const result = await opened.api.mailboxes.users.list({ boxId: opened.box.id });
    if (!result.ok) return reportError(input.io, result.error);
    const groups = result.value;
    if (input.json) printJson(input.io, groups);
    else {
      const rows = groups.flatMap((g) =>
        g.users.map((u) => [
          u.email,
          u.status === 'active' ? 'active' : 'archived',
          u.quota === '0' ? 'unlimited' : (u.quota ?? '-'),
          u.usedDisplay ?? '?',
          u.privileges.join(','),
        ]),
      );
      input.io.out(
        rows.length
          ? formatTable(['EMAIL', 'STATUS', 'QUOTA', 'USED', 'PRIVILEGES'], rows)
          : 'No mail users on this box.\n',
      );
    }
    return EXIT.ok;
  },
};

export const usersAddCommand: Command = {
  path: ['users', 'add'],
  usage: 'boxfleet users add --box NAME EMAIL [--password-stdin] [--admin] [--quota Q] [--json]',
  summary: 'Add a mail user to a box',
  options: {
    box: { type: 'string' },
    'password-stdin': { type: 'boolean' },
    admin: { type: 'boolean' },
    quota: { type: 'string' },
  },
  optionHelp: {
    'password-stdin': PASSWORD_STDIN,
    admin: 'give the user the admin privilege (the box control panel)',
    quota: 'mailbox quota: digits with an optional M or G, 0 = unlimited (default: the box default)',
  },
  details: [
    'The password: with --password-stdin from standard input; otherwise on a terminal it is asked for twice, ' +
      'without echo; with neither (a script without --password-stdin) a random one is made and printed once.',
    'JSON: {email, box, report (the box change report), generatedPassword (only when one was made)}.',
    REFUSAL,
  ],
  positionals: ['EMAIL'],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'users add');
    if (!opened.ok) return opened.code;
    const email = input.positionals[0] as string;
    const read = await readNewPassword(input, email);
    if (!read.ok) return read.code;
    const password = read.password ?? generatePassword();
    const generated = read.password === undefined ? password : undefined;
    const quota = str(input.values, 'quota');
    const request = { boxId: opened.box.id, email, password, admin: input.values.admin === true };
    const result = await opened.api.mailboxes.users.add(quota === undefined ? request : { ...request, quota });
    if (!result.ok) return reportError(input.io, result.error);
    const { report } = result.value;
    if (input.json) {
      const shown = generated === undefined ? {} : { generatedPassword: generated };
      printJson(input.io, { email, box: opened.box.name, report, ...shown });
      return EXIT.ok;
    }
    input.io.out(`Added ${email} to ${opened.box.name}.\n${reportLines(report)}`);
    if (generated !== undefined) input.io.out(`Password (shown only this once): ${generated}\n`);
    return EXIT.ok;
  },
};

export const usersRemoveCommand: Command = {
  path: ['users', 'remove'],
  usage: 'boxfleet users remove --box NAME EMAIL [--yes] [--json]',
  summary: "Remove a mail user; the box keeps the user's mail on disk (archived) until it is deleted there",
  options: { box: { type: 'string' }, yes: { type: 'boolean', short: 'y' } },
  details: [
    'Archiving keeps the mailbox directory on the box: adding the same address again restores the mail; ' +
      'deleting that directory on the box erases it. On a terminal the command asks first; without one it ' +
      'needs --yes.',
    'JSON: {email, box, report, mailbox (the archived directory, when the box names it)}.',
    REFUSAL,
  ],
  positionals: ['EMAIL'],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'users remove');
    if (!opened.ok) return opened.code;
    const email = input.positionals[0] as string;
    const question =
      `Remove ${email} from ${opened.box.name}? Its mail stays on the box (archived): ` +
      'adding the address again restores it.';
    if (!(await confirmed(input, question, 'users remove'))) {
      input.io.err('Nothing was removed.\n');
      return EXIT.failed;
    }
    const result = await opened.api.mailboxes.users.archive({ boxId: opened.box.id, email });
    if (!result.ok) return reportError(input.io, result.error);
    // Where the mail now lies, from the box's own list: the restore and erase paths name it.
    const listed = await opened.api.mailboxes.users.list({ boxId: opened.box.id });
    const archived = listed.ok
      ? listed.value.flatMap((g) => g.users).find((u) => u.email.toLowerCase() === email.toLowerCase())
      : undefined;
    const mailbox = archived?.mailbox ?? null;
    if (input.json) {
      printJson(input.io, { email, box: opened.box.name, report: result.value.report, mailbox });
      return EXIT.ok;
    }
    const where = mailbox ? ` in ${mailbox}` : '';
    input.io.out(
      `Removed ${email} from ${opened.box.name}. Its mail stays on the box${where}: adding ${email} again ` +
        `restores it; deleting that directory on the box erases it.\n${reportLines(result.value.report)}`,
    );
    return EXIT.ok;
  },
};

export const usersPasswordCommand: Command = {
  path: ['users', 'password'],
  usage: 'boxfleet users password --box NAME EMAIL [--password-stdin] [--json]',
  summary: "Set a mail user's password",
  options: { box: { type: 'string' }, 'password-stdin': { type: 'boolean' } },
  optionHelp: { 'password-stdin': PASSWORD_STDIN },
  details: [
    'Without --password-stdin the password is asked for twice on the terminal, without echo; without a ' +
      'terminal --password-stdin is needed.',
    'JSON: {email, box}.',
    REFUSAL,
  ],
  positionals: ['EMAIL'],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'users password');
    if (!opened.ok) return opened.code;
    const email = input.positionals[0] as string;
    const read = await readNewPassword(input, email);
    if (!read.ok) return read.code;
    if (read.password === undefined)
      throw new UsageError('users password reads the password from a terminal or, with --password-stdin, stdin.');
    const result = await opened.api.mailboxes.users.setPassword({
      boxId: opened.box.id,
      email,
      password: read.password,
    });
    if (!result.ok) return reportError(input.io, result.error);
    if (input.json) printJson(input.io, { email, box: opened.box.name });
    else input.io.out(`Set the password of ${email} on ${opened.box.name}.\n`);
    return EXIT.ok;
  },
};

export const usersAdminCommand: Command = {
  path: ['users', 'admin'],
  usage: 'boxfleet users admin --box NAME EMAIL on|off [--json]',
  summary: 'Grant (on) or revoke (off) the admin privilege',
  options: { box: { type: 'string' } },
  details: ['JSON: {email, box, admin}.', REFUSAL],
  positionals: ['EMAIL', 'on|off'],
  json: true,
  async run(input) {
    const [email, switchTo] = input.positionals as [string, string];
    if (switchTo !== 'on' && switchTo !== 'off')
      throw new UsageError(`users admin takes on or off, not "${switchTo}".`);
    const opened = await openBox(input, 'users admin');
    if (!opened.ok) return opened.code;
    const admin = switchTo === 'on';
    const result = await opened.api.mailboxes.users.setAdmin({ boxId: opened.box.id, email, admin });
    if (!result.ok) return reportError(input.io, result.error);
    if (input.json) printJson(input.io, { email, box: opened.box.name, admin });
    else input.io.out(`${email} on ${opened.box.name} is ${admin ? 'now' : 'no longer'} an admin.\n`);
    return EXIT.ok;
  },
};

const quotaWords = (quota: string) => (quota === '0' ? '0 (unlimited)' : quota);

export const usersQuotaCommand: Command = {
  path: ['users', 'quota'],
  usage: 'boxfleet users quota --box NAME EMAIL [Q] [--json]',
  summary: "Print a mail user's quota, or set it to Q (digits with an optional M or G; 0 = unlimited)",
  options: { box: { type: 'string' } },
  details: [
    'A box without quota support (upstream before v73) refuses with the reason.',
    'JSON: {email, box, quota}, the quota as the box stores it ("0" = unlimited).',
    REFUSAL,
  ],
  positionals: ['EMAIL'],
  optionalPositionals: ['Q'],
  json: true,
  async run(input) {
    const opened = await openBox(input, 'users quota');
    if (!opened.ok) return opened.code;
    const [email, wanted] = input.positionals as [string, string | undefined];
    const boxId = opened.box.id;
    if (wanted !== undefined) {
      const set = await opened.api.mailboxes.users.setQuota({ boxId, email, quota: wanted });
      if (!set.ok) return reportError(input.io, set.error);
    }
    // Read back after a change too: the box stores its own form ("2g" becomes "2G").
    const result = await opened.api.mailboxes.users.quota({ boxId, email });
    if (!result.ok) return reportError(input.io, result.error);
    const { quota } = result.value;
    if (input.json) printJson(input.io, { email, box: opened.box.name, quota });
    else if (wanted !== undefined) input.io.out(`The quota of ${email} is now ${quotaWords(quota)}.\n`);
    else input.io.out(`${quota}\n`);
    return EXIT.ok;
  },
};
