import { InstallLogReader, sameFingerprint, SUCCESS_MARKER } from '../../../src-shared/domain/install-outcome';
import { INSTALL_STEPS, progressFraction, stepOfLine, stepStates } from '../../../src-shared/domain/install-steps';

function read(lines: string[]): InstallLogReader {
  const reader = new InstallLogReader();
  for (const line of lines) reader.feed(line);
  return reader;
}

const stepId = (line: string) => INSTALL_STEPS[stepOfLine(line)]?.id;

const FINGERPRINT = 'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89';

/** §8.4's headings of a first upstream install, in order, with the summary and the §8.5 ending. */
const UPSTREAM_RUN = [
  'Installing git . . .',
  'Downloading Mail-in-a-Box v75. . .',
  '',
  'Primary Hostname: box.example.com',
  'Public IP Address: 203.0.113.10',
  'Public IPv6 Address: 2001:db8::10',
  'Mail-in-a-Box Version: v75',
  '',
  'Adding a swap file to the system...',
  'Updating system packages...',
  'Installing system packages...',
  'Initializing system random number generator...',
  'Creating SSH key for backup…',
  'Creating initial SSL certificate and perfect forward secrecy Diffie-Hellman parameters...',
  'Installing nsd (DNS server)...',
  'Generating DNSSEC signing keys...',
  'Installing Postfix (SMTP server)...',
  'Installing Dovecot (IMAP server)...',
  'Creating new user database: /home/user-data/mail/users.sqlite',
  'Installing OpenDKIM/OpenDMARC...',
  'Installing SpamAssassin...',
  'Removing apache...',
  'Installing Nginx (web server)...',
  'Installing Roundcube (webmail)...',
  'Installing Nextcloud (contacts/calendar)...',
  'Installing Z-Push (Exchange/ActiveSync server)...',
  'Installing Mail-in-a-Box system management daemon...',
  'Installing Munin (system monitoring)...',
  'Waiting for the Mail-in-a-Box management daemon to start...',
  'Waiting for the Mail-in-a-Box management daemon to start...',
  'updated DNS: example.com',
  'web updated',
  '',
  "Okay. I'm about to set up admin@example.com for you. This account will also",
  "have access to the box's control panel.",
  'mail user added',
  '',
  '-----------------------------------------------',
  "Mail-in-a-Box uses Let's Encrypt to provision free SSL/TLS certificates",
  "to enable HTTPS connections to your box. We're automatically",
  'agreeing you to their subscriber agreement. See https://letsencrypt.org.',
  '',
];

const SUCCESS_INVALID_CERT = [
  '',
  '-----------------------------------------------',
  '',
  'Your Mail-in-a-Box is running.',
  '',
  'Please log in to the control panel for further instructions at:',
  '',
  'https://box.example.com/admin',
  'https://203.0.113.10/admin',
  '',
  'You will be alerted that the website has an invalid certificate. Check that',
  'the certificate fingerprint matches:',
  '',
  FINGERPRINT,
  '',
  'Then you can confirm the security exception and continue.',
];

describe('install steps (§8.4)', () => {
  it('maps every heading of an upstream run to its step, in order, and never backwards', () => {
    const ids = UPSTREAM_RUN.map(stepId).filter((id) => id !== undefined);
    const order = INSTALL_STEPS.map((step) => step.id);
    const positions = ids.map((id) => order.indexOf(id as string));
    expect(positions).toEqual([...positions].sort((a, b) => a - b));
    expect(new Set(ids)).toEqual(new Set(order.filter((id) => !['wait', 'checks', 'migrate'].includes(id))));
  });

  it("maps Power's extra lines into the steps they belong to", () => {
    expect(stepId('Generating locales...')).toBe('system-update');
    expect(stepId("No keypair found. Generating daemon's PGP keypair...")).toBe('dns');
    expect(stepId('Generated key with fingerprint 0123456789ABCDEF0123456789ABCDEF01234567')).toBe('dns');
    expect(stepId('Re-creating Python environment...')).toBe('daemon');
    expect(stepId("Existing management environment is from an earlier version of the OS you're running.")).toBe(
      'daemon',
    );
    expect(stepId('Running migration to Mail-in-a-Box #62...')).toBe('migrate');
    expect(stepId('Updating Mail-in-a-Box to v75 . . .')).toBe('bootstrap');
    expect(stepId('boxfleet: waiting for cloud-init to finish')).toBe('wait');
  });

  it('grows the fraction with the steps and reaches 1 only on success', () => {
    const reader = new InstallLogReader();
    let last = 0;
    for (const line of UPSTREAM_RUN) {
      reader.feed(line);
      const now = progressFraction(reader.current, reader.succeeded);
      expect(now).toBeGreaterThanOrEqual(last);
      last = now;
    }
    expect(last).toBeLessThan(1);
    expect(
      stepStates(reader.current, 'running')
        .filter((s) => s.state === 'running')
        .map((s) => s.id),
    ).toEqual(['letsencrypt']);
    for (const line of SUCCESS_INVALID_CERT) reader.feed(line);
    expect(progressFraction(reader.current, reader.succeeded)).toBe(1);
    expect(stepStates(reader.current, 'succeeded').every((s) => s.state === 'done')).toBe(true);
  });
});

describe('install outcome (§8.3, §8.5)', () => {
  it('recognises success by the marker and keeps the printed fingerprint and the summary', () => {
    const reader = read([...UPSTREAM_RUN, ...SUCCESS_INVALID_CERT]);
    expect(reader.outcome(0)).toEqual({ ok: true, failingStep: null, message: SUCCESS_MARKER, next: null });
    expect(reader.outcome(null)?.ok).toBe(true);
    expect(reader.fingerprint).toBe(FINGERPRINT);
    expect(reader.summary).toEqual({
      hostname: 'box.example.com',
      publicIp: '203.0.113.10',
      publicIpv6: '2001:db8::10',
      version: 'v75',
    });
  });

  it('reads the fingerprint of the ending for a hostname that already resolves', () => {
    const reader = read([
      SUCCESS_MARKER,
      '',
      'Please log in to the control panel for further instructions at:',
      '',
      'https://box.example.com/admin',
      '',
      "If you have a DNS problem put the box's IP address in the URL",
      '(https://<ip>/admin) but then check the TLS fingerprint:',
      FINGERPRINT.toLowerCase(),
    ]);
    expect(reader.fingerprint).toBe(FINGERPRINT);
  });

  it("reads Power's version line with two spaces", () => {
    expect(read(['Mail-in-a-Box Version:  v60.5']).summary.version).toBe('v60.5');
  });

  it('names the FAILED command, its captured lines and the step it broke', () => {
    const reader = read([
      ...UPSTREAM_RUN.slice(0, 11),
      '',
      'FAILED: apt-get -y -o Dpkg::Options::=--force-confdef -o Dpkg::Options::=--force-confnew install fail2ban',
      '-----------------------------------------',
      'E: Could not get lock /var/lib/dpkg/lock-frontend. It is held by process 1234 (unattended-upgr)',
      '-----------------------------------------',
    ]);
    expect(reader.outcome(null)).toBeNull();
    const outcome = reader.outcome(100);
    expect(outcome?.ok).toBe(false);
    expect(outcome?.failingStep).toBe('Installing system packages');
    expect(outcome?.message).toContain('apt-get -y');
    expect(outcome?.message).toContain('Could not get lock');
  });

  it.each([
    [
      [
        'Your Mail-in-a-Box needs more memory (RAM) to function properly.',
        'Please provision a machine with at least 512 MB, 1 GB recommended.',
        'This machine has 400 MB memory.',
      ],
      'less than 512 MB',
      'This machine has 400 MB memory.',
    ],
    [['Mail-in-a-Box has to have exec rights on /tmp, please mount /tmp with exec'], 'noexec', ''],
    [['Mail-in-a-Box expects no overrides to wget defaults, ~/.wgetrc exists'], '.wgetrc', ''],
  ])('calls a preflight refusal that exits 0 a failure: %s', (lines, said, detail) => {
    const outcome = read(['Downloading Mail-in-a-Box v75. . .', ...lines]).outcome(0);
    expect(outcome?.ok).toBe(false);
    expect(outcome?.failingStep).toBe("Setup's own checks");
    expect(outcome?.message).toContain(said);
    expect(outcome?.message).toContain(detail);
    expect(outcome?.next).toBeTruthy();
  });

  it.each([
    [['This script must be run as root. Please re-run like this:', '', '  sudo setup/start.sh', ''], 'root'],
    [['This script must be run as root. Did you leave out sudo?'], 'root'],
    [
      [
        'Mail-in-a-Box only supports being installed on Ubuntu 22.04, sorry. You are running:',
        '',
        'Debian 12',
        '',
        "We can't write scripts that run on every possible setup, sorry.",
      ],
      'Ubuntu 22.04',
    ],
    [
      [
        'This version of Power Mail-in-a-Box only supports being installed on one of these operating systems:',
        'Debian 11',
        "You're running:",
        'Ubuntu 24.04 LTS',
      ],
      'Power',
    ],
    [['This script may be used only on a machine running Ubuntu 14.04, 18.04, or 22.04.'], 'bootstrap'],
    [['Outbound mail (port 25) seems to be blocked by your network.'], 'port 25'],
    [['Error running the migration script:', 'Traceback ...'], 'migration'],
    [["The hostname you chose 'box.example.com' is listed in the", 'Spamhaus Domain Block List.'], 'Spamhaus'],
  ])('names the refusal %s', (lines, said) => {
    const outcome = read(lines).outcome(1);
    expect(outcome?.ok).toBe(false);
    expect(outcome?.message).toContain(said);
  });

  it("puts setup's own refusals under its checks and the bootstrap's under the download", () => {
    const checks = read([
      'Downloading Mail-in-a-Box v75. . .',
      'This script must be run as root. Please re-run like this:',
    ]);
    expect(checks.outcome(1)?.failingStep).toBe("Setup's own checks");
    expect(stepStates(checks.current, 'failed').find((s) => s.state === 'failed')?.id).toBe('checks');
    const bootstrap = read(['Installing git . . .', 'This script must be run as root. Did you leave out sudo?']);
    expect(bootstrap.outcome(1)?.failingStep).toBe('Downloading Mail-in-a-Box');
    expect(stepId('WARNING: Your Mail-in-a-Box has less than 768 MB of memory.')).toBe('checks');
  });

  it('says an exit without the marker is a failure, with the step that ran', () => {
    const reader = read(UPSTREAM_RUN.slice(0, 16));
    expect(reader.outcome(0)?.message).toBe('Setup ended without saying the box is running.');
    expect(reader.outcome(2)).toMatchObject({
      ok: false,
      failingStep: 'Installing nsd (DNS server)',
      message: 'Setup stopped with exit status 2.',
    });
  });

  it('compares fingerprints regardless of case and separators', () => {
    expect(sameFingerprint(FINGERPRINT, FINGERPRINT.toLowerCase().replace(/:/g, ''))).toBe(true);
    expect(sameFingerprint(FINGERPRINT, FINGERPRINT.replace('AB', 'AC'))).toBe(false);
    expect(sameFingerprint('', '')).toBe(false);
  });
});
