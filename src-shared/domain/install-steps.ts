/**
 * Setup's progress headings (§8.4 of the API reference, both flavours) mapped to an ordered list of steps with
 * weights, so the log of a running install becomes a step list and a progress fraction. Headings are matched on
 * whole lines (trailing blanks ignored); a heading only ever moves progress forward, because several lines repeat
 * (Power echoes some twice, the daemon wait repeats every 2 s).
 */

export interface StepDef {
  readonly id: string;
  readonly title: string;
  /** Rough share of a first install's time (apt, DH parameters and the web apps dominate, §8.6). */
  readonly weight: number;
  /** Exact heading lines that start (or belong to) this step. */
  readonly exact: readonly string[];
  /** Line prefixes for headings with a variable part. */
  readonly prefixes: readonly string[];
}

/** Lines the runner writes itself while it waits for cloud-init or apt (before setup starts). */
export const RUNNER_PREFIX = 'boxfleet: ';

export const INSTALL_STEPS: readonly StepDef[] = [
  { id: 'wait', title: 'Waiting for the package manager', weight: 1, exact: [], prefixes: [`${RUNNER_PREFIX}waiting`] },
  {
    id: 'bootstrap',
    title: 'Downloading Mail-in-a-Box',
    weight: 2,
    exact: ['Installing git . . .'],
    prefixes: ['Downloading Mail-in-a-Box ', 'Updating Mail-in-a-Box to ', 'boxfleet: starting setup'],
  },
  {
    id: 'checks',
    title: "Setup's own checks",
    weight: 1,
    // Warnings of §8.3 that let setup go on; its refusals are read by the outcome reader.
    exact: ['WARNING: Your Mail-in-a-Box has less than 768 MB of memory.'],
    prefixes: ['Mail-in-a-Box has only been tested on x86_64 and i686 platform'],
  },
  {
    id: 'migrate',
    title: 'Running migrations',
    weight: 1,
    exact: [],
    prefixes: ['Running migration to Mail-in-a-Box #'],
  },
  {
    id: 'config',
    title: 'Checking the configuration',
    weight: 1,
    exact: ['Installing packages needed for setup...'],
    prefixes: ['Primary Hostname: '],
  },
  {
    id: 'system-update',
    title: 'Updating system packages',
    weight: 12,
    exact: [
      'Adding a swap file to the system...',
      'Installing add-apt-repository...',
      'Updating system packages...',
      // Power, early on.
      'Generating locales...',
    ],
    prefixes: [],
  },
  {
    id: 'system-install',
    title: 'Installing system packages',
    weight: 12,
    exact: [
      'Installing system packages...',
      'Setting timezone to UTC.',
      'Initializing system random number generator...',
    ],
    prefixes: ['Creating SSH key for backup', 'Opening alternate SSH port '],
  },
  {
    id: 'ssl',
    title: 'Creating the first TLS certificate and DH parameters',
    weight: 10,
    exact: ['Creating initial SSL certificate and perfect forward secrecy Diffie-Hellman parameters...'],
    prefixes: [],
  },
  {
    id: 'dns',
    title: 'Installing nsd (DNS server)',
    weight: 4,
    exact: [
      'Installing nsd (DNS server)...',
      'Generating DNSSEC signing keys...',
      // Power, after the nsd step.
      "No keypair found. Generating daemon's PGP keypair...",
    ],
    prefixes: ['Generated key with fingerprint '],
  },
  {
    id: 'postfix',
    title: 'Installing Postfix (SMTP server)',
    weight: 5,
    exact: ['Installing Postfix (SMTP server)...'],
    prefixes: [],
  },
  {
    id: 'dovecot',
    title: 'Installing Dovecot (IMAP server)',
    weight: 5,
    exact: ['Installing Dovecot (IMAP server)...'],
    prefixes: ['Creating new user database: '],
  },
  {
    id: 'dkim',
    title: 'Installing OpenDKIM/OpenDMARC',
    weight: 3,
    exact: ['Installing OpenDKIM/OpenDMARC...'],
    prefixes: [],
  },
  {
    id: 'spamassassin',
    title: 'Installing SpamAssassin',
    weight: 4,
    exact: ['Installing SpamAssassin...'],
    prefixes: [],
  },
  {
    id: 'nginx',
    title: 'Installing Nginx (web server)',
    weight: 4,
    exact: ['Removing apache...', 'Installing Nginx (web server)...'],
    prefixes: [],
  },
  {
    id: 'roundcube',
    title: 'Installing Roundcube (webmail)',
    weight: 8,
    exact: ['Installing Roundcube (webmail)...'],
    prefixes: [],
  },
  {
    id: 'nextcloud',
    title: 'Installing Nextcloud (contacts/calendar)',
    weight: 10,
    exact: ['Installing Nextcloud (contacts/calendar)...'],
    prefixes: [],
  },
  {
    id: 'zpush',
    title: 'Installing Z-Push (Exchange/ActiveSync server)',
    weight: 3,
    exact: ['Installing Z-Push (Exchange/ActiveSync server)...'],
    prefixes: [],
  },
  {
    id: 'daemon',
    title: 'Installing the management daemon',
    weight: 6,
    exact: [
      'Installing Mail-in-a-Box system management daemon...',
      // Power, in the daemon step.
      'Re-creating Python environment...',
      "Existing management environment is from an earlier version of the OS you're running.",
    ],
    prefixes: [],
  },
  {
    id: 'munin',
    title: 'Installing Munin (system monitoring)',
    weight: 3,
    exact: ['Installing Munin (system monitoring)...'],
    prefixes: [],
  },
  {
    id: 'start',
    title: 'Starting the box',
    weight: 2,
    exact: ['Waiting for the Mail-in-a-Box management daemon to start...', 'web updated'],
    prefixes: ['updated DNS: '],
  },
  {
    id: 'first-user',
    title: 'Creating the administrator',
    weight: 1,
    exact: [],
    prefixes: ["Okay. I'm about to set up ", 'Creating a new administrative mail account for '],
  },
  {
    id: 'letsencrypt',
    title: "Registering with Let's Encrypt",
    weight: 1,
    exact: ["Mail-in-a-Box uses Let's Encrypt to provision free SSL/TLS certificates"],
    prefixes: [],
  },
];

const TOTAL_WEIGHT = INSTALL_STEPS.reduce((sum, step) => sum + step.weight, 0);

/** The index of the step a log line is a heading of, or -1. */
export function stepOfLine(line: string): number {
  const text = line.trimEnd();
  if (text === '') return -1;
  return INSTALL_STEPS.findIndex(
    (step) => step.exact.includes(text) || step.prefixes.some((prefix) => text.startsWith(prefix)),
  );
}

export type StepState = 'pending' | 'running' | 'done' | 'failed';

/**
 * The step list for a position in the log: steps before the current one are done (conditional ones that never
 * printed were skipped, which is done as far as progress goes), the current one runs, or fails when the install
 * failed; all done when it succeeded.
 */
export function stepStates(
  current: number,
  end: 'running' | 'succeeded' | 'failed',
): Array<{ id: string; title: string; state: StepState }> {
  return INSTALL_STEPS.map((step, index) => {
    let state: StepState;
    if (end === 'succeeded' || index < current) state = 'done';
    else if (index > current) state = 'pending';
    else state = end === 'failed' ? 'failed' : 'running';
    return { id: step.id, title: step.title, state };
  });
}

/** 0..1: the weights of the steps before the current one; 1 once it succeeded. */
export function progressFraction(current: number, succeeded: boolean): number {
  if (succeeded) return 1;
  let done = 0;
  for (let index = 0; index < Math.min(current, INSTALL_STEPS.length); index++) {
    done += (INSTALL_STEPS[index] as StepDef).weight;
  }
  return Math.min(0.99, done / TOTAL_WEIGHT);
}
