/**
 * The probe's output is text from the box: unknown keys are dropped, wrong types refuse the report, and API answers
 * that do not check out become null facts rather than errors.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { factsFromAnswers, parseProbeApi, tlsSummary } from '../../../src-main/health/probe-api';
import { parseProbeOutput } from '../../../src-main/health/probe-report';
import { PROBE_SCRIPT } from '../../../src-main/health/probe-script';

const report = {
  uptimeSeconds: 12.5,
  load: [0.1, 0.2, 0.3],
  memory: { totalBytes: 1024, availableBytes: 512 },
  disk: { root: { mount: '/', totalBytes: 10, usedBytes: 4, availableBytes: 6 }, storage: null },
  services: { postfix: 'active', nginx: 'failed' },
  queue: 3,
  rebootRequired: false,
  updates: null,
  newestBackupAt: '2026-04-19T01:05:12Z',
};

const b64 = (text: string): string => Buffer.from(text, 'utf8').toString('base64');

describe('parseProbeOutput', () => {
  test('takes the report after any banner, drops unknown keys, fills unreported services as unknown', () => {
    const parsed = parseProbeOutput(
      `Welcome to Ubuntu\n${JSON.stringify({ ...report, extra: 'x' })}\napi version 200 ${b64('v75')}\n`,
    );
    if (!parsed.ok) throw new Error(parsed.error.message);
    expect(parsed.value).not.toHaveProperty('extra');
    expect(parsed.value.services).toEqual({
      postfix: 'active',
      dovecot: 'unknown',
      nginx: 'failed',
      nsd: 'unknown',
      'php-fpm': 'unknown',
      mailinabox: 'unknown',
      fail2ban: 'unknown',
    });
    expect(parsed.value.newestBackupAt).toBe('2026-04-19T01:05:12.000Z');
  });

  test.each([
    ['a string for a number', { ...report, queue: '3' }],
    ['a negative count', { ...report, updates: -1 }],
    ['a made-up service state', { ...report, services: { postfix: 'running' } }],
    ['a date that is not one', { ...report, newestBackupAt: 'yesterday' }],
  ])('refuses %s', (_name, bad) => {
    const parsed = parseProbeOutput(JSON.stringify(bad));
    expect(parsed.ok).toBe(false);
  });

  test('no report at all is an error, not a crash', () => {
    expect(parseProbeOutput('').ok).toBe(false);
    expect(parseProbeOutput('{not json').ok).toBe(false);
  });
});

describe('API answers carried by the probe', () => {
  test('unavailable API means the caller falls back to the tunnel', () => {
    expect(parseProbeApi(`${JSON.stringify(report)}\napi-unavailable key\n`)).toBeNull();
    expect(parseProbeApi(JSON.stringify(report))).toBeNull();
  });

  test('answers that fail or do not check out become null facts', () => {
    const answers = parseProbeApi(
      [
        `api flavour 404 ${b64('<h1>Not Found</h1>')}`,
        `api version 200 ${b64('v75\n')}`,
        `api backup 200 ${b64('{"backups": "lots"}')}`,
        `api tls 500 ${b64('oops')}`,
        `api users 200 ${b64('[{"domain":"a.example","users":[{"email":"x@a.example","privileges":[],"status":"active","mailbox":"/m"}]}]')}`,
        `api aliases 200 ${b64('[]')}`,
      ].join('\n'),
    );
    if (!answers) throw new Error('no answers');
    const facts = factsFromAnswers(answers);
    expect(facts).toMatchObject({ flavour: 'upstream', version: 'v75', backup: null, tls: null });
  });

  test('a version with shell or markup in it is not taken', () => {
    const answers = parseProbeApi(`api version 200 ${b64('<script>alert(1)</script>')}`);
    if (!answers) throw new Error('no answers');
    expect(factsFromAnswers(answers).version).toBeNull();
  });

  test('TLS: the soonest stated expiry wins, including a danger entry close to expiry', () => {
    expect(
      tlsSummary({
        can_provision: [],
        status: [
          {
            domain: 'a.example',
            status: 'success',
            text: 'Signed & valid. The certificate expires in 80 days on 2026-07-09.',
          },
          {
            domain: 'box.example',
            status: 'danger',
            text: 'Certificate has a problem: The certificate is expiring soon: The certificate expires in 5 days on 2026-04-25.',
          },
          { domain: 'c.example', status: 'warning', text: 'Self-signed. Get a signed certificate to stop warnings.' },
          { domain: 'd.example', status: 'not-applicable', text: "The domain's website is hosted elsewhere." },
        ],
      }),
    ).toEqual({ soonestExpiry: '2026-04-25T00:00:00.000Z', soonestDomain: 'box.example', problems: 2 });
  });
});

describe('the probe script in a plain POSIX sh', () => {
  test('prints a report that parses, with a mount point that needs escaping', () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'probe-parse-'));
    try {
      const storage = path.join(dir, 'store "quoted" \\ dir');
      fs.mkdirSync(path.join(storage, 'backup', 'encrypted'), { recursive: true });
      fs.writeFileSync(path.join(storage, 'backup', 'encrypted', 'duplicity-full.20260419T010512Z.manifest.gpg'), '');
      fs.writeFileSync(
        path.join(storage, 'backup', 'encrypted', 'duplicity-inc.20260419T010512Z.to.20260420T020304Z.manifest.gpg'),
        '',
      );
      const conf = path.join(dir, 'mailinabox.conf');
      fs.writeFileSync(conf, `STORAGE_ROOT=${storage}\nPRIMARY_HOSTNAME=box.example.com\n`);
      // A df that names the mount with quotes and a backslash, first on PATH; nothing else is stubbed.
      const bin = path.join(dir, 'bin');
      fs.mkdirSync(bin);
      fs.writeFileSync(
        path.join(bin, 'df'),
        '#!/bin/sh\necho "Filesystem 1024-blocks Used Available Capacity Mounted on"\necho \'/dev/x 100 40 60 40% /mnt/a "b" \\\\c\'\n',
        { mode: 0o755 },
      );
      // This machine's own apt-get would simulate a real upgrade (seconds): here it is a missing tool.
      fs.writeFileSync(path.join(bin, 'apt-get'), '#!/bin/sh\nexit 127\n', { mode: 0o755 });
      const stdout = execFileSync('sh', ['-c', PROBE_SCRIPT, 'boxfleet-probe', conf], {
        env: { PATH: `${bin}:/usr/bin:/bin` },
        encoding: 'utf8',
        timeout: 60_000,
      });
      const parsed = parseProbeOutput(stdout);
      if (!parsed.ok) throw new Error(`${parsed.error.message}\n${stdout}`);
      expect(parsed.value.disk.root).toEqual({
        mount: '/mnt/a "b" \\c',
        totalBytes: 102400,
        usedBytes: 40960,
        availableBytes: 61440,
      });
      expect(parsed.value.newestBackupAt).toBe('2026-04-20T02:03:04.000Z');
      expect(parsed.value.updates).toBeNull();
      expect(parseProbeApi(stdout)).toBeNull();
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
