import { spawnSync } from 'node:child_process';
import { envFile, parsePoll } from '../../../src-main/install/box-scripts';
import { nextSteps } from '../../../src-main/install/finish';
import { InstallProgress, TAIL_LINES } from '../../../src-main/install/follower';
import { parsePreflightOutput } from '../../../src-main/install/preflight';

describe('InstallProgress', () => {
  it('reads lines across chunk boundaries (even inside a UTF-8 character) and counts bytes exactly', () => {
    const progress = new InstallProgress();
    const text = Buffer.from('Installing nsd (DNS server)...\nupdated DNS: bücher.example\nhalf', 'utf8');
    const cut = text.indexOf(Buffer.from('ü')) + 1;
    progress.accept(text.subarray(0, cut));
    progress.accept(text.subarray(cut));
    expect(progress.offset).toBe(text.length);
    expect(progress.logTail()).toEqual(['Installing nsd (DNS server)...', 'updated DNS: bücher.example', 'half']);
    expect(progress.reader.current).toBeGreaterThan(0);
    progress.flush();
    expect(progress.logTail()).toEqual(['Installing nsd (DNS server)...', 'updated DNS: bücher.example', 'half']);
  });

  it('blanks the password and EMAIL_PW assignments in every line it keeps', () => {
    const progress = new InstallProgress(['s3cret pass']);
    progress.accept(Buffer.from('+ EMAIL_PW=whatever\nuser add me@example.com s3cret pass\nwith password 12345678.\n'));
    const tail = progress.logTail().join('\n');
    expect(tail).not.toContain('s3cret pass');
    expect(tail).not.toContain('whatever');
    expect(tail).not.toContain('12345678');
  });

  it('keeps the newest 200 lines and shows the last redraw of a progress bar', () => {
    const progress = new InstallProgress();
    progress.accept(Buffer.from(Array.from({ length: 250 }, (_, i) => `line ${i}`).join('\n') + '\n'));
    progress.accept(Buffer.from('10%\r50%\r100%\n'));
    const tail = progress.logTail();
    expect(tail).toHaveLength(TAIL_LINES);
    expect(tail[tail.length - 1]).toBe('100%');
    expect(tail[0]).toBe('line 51');
  });
});

describe('poll answers', () => {
  it('reads the header and the base64 log chunk', () => {
    const chunk = Buffer.from('Installing Postfix (SMTP server)...\n');
    const answer = parsePoll(`banner\nBOXFLEET 0 gone 120\n${chunk.toString('base64')}\n`);
    expect(answer).toEqual({ missing: false, exitStatus: 0, process: 'gone', size: 120, chunk });
    expect(parsePoll('BOXFLEET - alive 0\n')?.exitStatus).toBeNull();
    expect(parsePoll('BOXFLEET missing\n')?.missing).toBe(true);
    expect(parsePoll('nothing here')).toBeNull();
    expect(parsePoll('BOXFLEET - sleeping 5\n')).toBeNull();
  });
});

describe('the env file', () => {
  it('quotes every value so that sh reads back exactly what was meant', () => {
    const password = `it's $HOME \`id\` "x" \\ ; rm -rf /`;
    const file = envFile([
      ['EMAIL_PW', password],
      ['PRIMARY_HOSTNAME', 'box.example.com'],
    ]);
    const read = spawnSync('bash', ['-c', 'set -a; eval "$(cat)"; set +a; printf "%s" "$EMAIL_PW"'], {
      input: file,
      encoding: 'utf8',
    });
    expect(read.stdout).toBe(password);
  });
});

describe('preflight output', () => {
  const line = {
    privilege: 'sudo',
    ssh: '198.51.100.2 50000 203.0.113.10 22',
    osId: 'ubuntu',
    osVersion: '22.04',
    osPretty: 'Ubuntu 22.04.4 LTS',
    arch: 'x86_64',
    memKb: '1000000',
    diskFreeKb: '20000000',
    tmpOptions: 'rw,relatime',
    wgetrc: 'no',
    cloudInit: 'yes',
    aptHolders: ' unattended-upgr apt-get',
    port25: 'open',
    fqdn: 'box.example.com',
    ipv4: '10.0.0.5 203.0.113.10 ',
    ipv6: '',
    existing: 'yes',
    existingHostname: 'box.example.com',
    existingVersion: 'v60.5',
    existingOrigin: 'https://github.com/ddavness/power-mailinabox',
    end: '1',
  };

  it('turns the JSON into facts', () => {
    const facts = parsePreflightOutput(`Welcome!\n${JSON.stringify(line)}\n`);
    expect(facts).toMatchObject({
      privilege: 'sudo',
      memKb: 1_000_000,
      aptHolders: ['unattended-upgr', 'apt-get'],
      cloudInitRunning: true,
      ipv4: ['10.0.0.5', '203.0.113.10'],
      sshServerIp: '203.0.113.10',
      existing: { hostname: 'box.example.com', version: 'v60.5', flavour: 'power' },
    });
  });

  it('refuses output that is not the script’s', () => {
    expect(parsePreflightOutput(JSON.stringify({ ...line, privilege: 'god' }))).toBeNull();
    expect(parsePreflightOutput(JSON.stringify({ ...line, end: undefined }))).toBeNull();
    expect(parsePreflightOutput('{"privilege": oops')).toBeNull();
  });
});

describe('next steps', () => {
  it("uses the box's own values", () => {
    const steps = nextSteps('box.example.com', '203.0.113.10', '2001:db8::10', {
      printed: null,
      served: null,
      match: null,
    });
    expect(steps.nameservers).toEqual(['ns1.box.example.com', 'ns2.box.example.com']);
    expect(steps.glue[1]).toEqual({ host: 'ns2.box.example.com', ipv4: '203.0.113.10', ipv6: '2001:db8::10' });
    expect(steps.reverseDns.map((r) => r.address)).toEqual(['203.0.113.10', '2001:db8::10']);
    expect(steps.controlPanel).toBe('https://box.example.com/admin');
  });
});
