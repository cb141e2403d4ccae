import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { PyValueError } from '../../emulator/server';
import { text } from '../../emulator/respond';
import type { RouteDef } from '../../emulator/types';
import { ADMIN, call, keyAuth, startTestBox } from './emu-client';
import type { TestBox } from './emu-client';

describe('emulator server: routing like Werkzeug (§3.3)', () => {
  let box: TestBox;
  beforeAll(async () => {
    box = await startTestBox({ flavour: 'upstream', admin: ADMIN });
  });
  afterAll(() => box.close());

  test('unknown path is a 404 HTML page before auth', async () => {
    const r = await call(box.emu, '/no/such/route');
    expect(r.status).toBe(404);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body.startsWith('<!doctype html>\n<html lang=en>\n<title>404 Not Found</title>')).toBe(true);
  });

  test('wrong method is a 405 with Allow, before auth', async () => {
    const r = await call(box.emu, '/mail/users', { method: 'POST' });
    expect(r.status).toBe(405);
    expect(r.headers['allow']).toBe('GET, HEAD, OPTIONS');
    expect(r.body).toContain('<title>405 Method Not Allowed</title>');
  });

  test('a slashed request for an unslashed route is a 404', async () => {
    const r = await call(box.emu, '/mail/users/', { auth: keyAuth(box.emu) });
    expect(r.status).toBe(404);
  });

  test('OPTIONS answers 200, empty, with Allow and without auth', async () => {
    const r = await call(box.emu, '/mail/users/add', { method: 'OPTIONS' });
    expect(r.status).toBe(200);
    expect(r.body).toBe('');
    expect(r.headers['allow']).toBe('OPTIONS, POST');
  });

  test('HEAD on a GET route answers like GET without a body; auth applies', async () => {
    const denied = await call(box.emu, '/mail/users', { method: 'HEAD' });
    expect(denied.status).toBe(401);
    const ok = await call(box.emu, '/mail/users', { method: 'HEAD', auth: keyAuth(box.emu) });
    expect(ok.status).toBe(200);
    expect(ok.body).toBe('');
    expect(ok.headers['content-length']).toBe(String(Buffer.byteLength('me@example.com\n')));
  });

  test('GET / is the control panel page, no auth', async () => {
    const r = await call(box.emu, '/');
    expect(r.status).toBe(200);
    expect(r.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(r.body).toContain('box.example.com');
  });
});

describe('emulator server: slash redirects, single worker, errors', () => {
  const order: string[] = [];
  const routes: RouteDef[] = [
    { method: 'GET', path: '/munin/', auth: 'none', flavours: ['upstream', 'power'], handler: () => text('OK') },
    {
      method: 'GET',
      path: '/slow',
      auth: 'none',
      flavours: ['upstream', 'power'],
      slow: true,
      handler: () => {
        order.push('slow');
        return text('slow');
      },
    },
    {
      method: 'GET',
      path: '/fast',
      auth: 'none',
      flavours: ['upstream', 'power'],
      handler: () => {
        order.push('fast');
        return text('fast');
      },
    },
    {
      method: 'GET',
      path: '/value-error',
      auth: 'admin',
      flavours: ['upstream', 'power'],
      handler: () => {
        throw new PyValueError('nope.com is not a domain name that corresponds to a zone.');
      },
    },
    {
      method: 'GET',
      path: '/crash',
      auth: 'admin',
      flavours: ['upstream', 'power'],
      handler: () => {
        throw new Error('boom');
      },
    },
    {
      method: 'GET',
      path: '/thing/<name>',
      auth: 'none',
      flavours: ['upstream', 'power'],
      handler: (req) => text(`dynamic ${req.params['name']}`),
    },
    {
      method: 'GET',
      path: '/thing/static',
      auth: 'none',
      flavours: ['upstream', 'power'],
      handler: () => text('static'),
    },
  ];

  test('a route declared with a slash redirects with 308 to http://<Host>/path/', async () => {
    const box = await startTestBox({ flavour: 'upstream', routes });
    try {
      const r = await call(box.emu, '/munin?x=1', { headers: { Host: 'box.example.com:8080' } });
      expect(r.status).toBe(308);
      expect(r.headers['location']).toBe('http://box.example.com:8080/munin/?x=1');
    } finally {
      await box.close();
    }
  });

  test('static rules win over converters', async () => {
    const box = await startTestBox({ flavour: 'upstream', routes });
    try {
      expect((await call(box.emu, '/thing/static')).body).toBe('static');
      expect((await call(box.emu, '/thing/other')).body).toBe('dynamic other');
    } finally {
      await box.close();
    }
  });

  test('requests are handled one at a time, in arrival order', async () => {
    const box = await startTestBox({ flavour: 'upstream', routes, slowRoutesMs: 300 });
    try {
      order.length = 0;
      const slow = call(box.emu, '/slow');
      await new Promise((r) => setTimeout(r, 50));
      const fast = call(box.emu, '/fast');
      const done: string[] = [];
      await Promise.all([slow.then(() => done.push('slow')), fast.then(() => done.push('fast'))]);
      expect(order).toEqual(['slow', 'fast']);
      expect(done).toEqual(['slow', 'fast']);
    } finally {
      await box.close();
    }
  });

  test('a ValueError escaping a view is a 500 page upstream and a 401 auth failure on Power (§6.2)', async () => {
    const up = await startTestBox({ flavour: 'upstream', routes });
    const power = await startTestBox({ flavour: 'power', routes });
    try {
      const a = await call(up.emu, '/value-error', { auth: keyAuth(up.emu) });
      expect(a.status).toBe(500);
      expect(a.body).toContain('<title>500 Internal Server Error</title>');
      const b = await call(power.emu, '/value-error', { auth: keyAuth(power.emu) });
      expect(b.status).toBe(401);
      expect(b.headers['x-reason']).toBe('nope.com is not a domain name that corresponds to a zone.');
      expect(b.body).toBe('nope.com is not a domain name that corresponds to a zone.\n');
      const c = await call(power.emu, '/value-error', {
        auth: keyAuth(power.emu),
        headers: { 'X-Requested-With': 'XMLHttpRequest' },
      });
      expect(c.status).toBe(403);
      const d = await call(power.emu, '/crash', { auth: keyAuth(power.emu) });
      expect(d.status).toBe(500);
      const log = readFileSync(join(power.root, 'var/log/syslog'), 'utf8');
      expect(log).toMatch(
        /Mail-in-a-Box Management Daemon: Failed login attempt from ip 127\.0\.0\.1 - timestamp \d+\.\d+\n/,
      );
    } finally {
      await up.close();
      await power.close();
    }
  });
});

describe('emulator server: files on the box', () => {
  test('api.key: 32 hex chars of both cases, no newline, 0640, rotated on restart on the same port', async () => {
    const box = await startTestBox({ flavour: 'upstream', admin: ADMIN });
    try {
      const key = readFileSync(box.emu.keyPath, 'utf8');
      expect(box.emu.keyPath).toBe(join(box.root, 'var/lib/mailinabox/api.key'));
      expect(key).toMatch(/^[0-9a-fA-F]{32}$/);
      expect(key).toBe(box.emu.apiKey());
      expect(statSync(box.emu.keyPath).mode & 0o777).toBe(0o640);
      const login = await call(box.emu, '/login', { method: 'POST', auth: [ADMIN.email, ADMIN.password] });
      const session = (JSON.parse(login.body) as { api_key: string }).api_key;

      const port = box.emu.port;
      await box.emu.restart();
      expect(box.emu.port).toBe(port);
      const newKey = readFileSync(box.emu.keyPath, 'utf8');
      expect(newKey).not.toBe(key);
      expect(newKey).toBe(box.emu.apiKey());

      const stale = await call(box.emu, '/mail/users', { auth: [key, ''] });
      expect(stale.status).toBe(401);
      expect(stale.headers['x-reason']).toBe('Enter a password.');
      const oldSession = await call(box.emu, '/mail/users', { auth: [ADMIN.email, session] });
      expect(oldSession.headers['x-reason']).toBe('Incorrect email address or password.');
      const fresh = await call(box.emu, '/mail/users', { auth: [newKey, ''] });
      expect(fresh.status).toBe(200);
      expect(fresh.body).toBe('me@example.com\n');
    } finally {
      await box.close();
    }
  });

  test('mailinabox.conf and STORAGE_ROOT; Power adds GNUPGHOME and PGPKEY', async () => {
    const fpr = 'A'.repeat(40);
    const up = await startTestBox({ flavour: 'upstream' });
    const power = await startTestBox({
      flavour: 'power',
      hostname: 'mail.example.org',
      seed: (s) => {
        s.pgp.daemon = { fingerprint: fpr, armored: '' };
      },
    });
    try {
      expect(readFileSync(join(up.root, 'etc/mailinabox.conf'), 'utf8')).toBe(
        'STORAGE_USER=user-data\nSTORAGE_ROOT=/home/user-data\nPRIMARY_HOSTNAME=box.example.com\nPUBLIC_IP=203.0.113.10\n' +
          'PUBLIC_IPV6=\nPRIVATE_IP=203.0.113.10\nPRIVATE_IPV6=\nMTA_STS_MODE=enforce\n',
      );
      const conf = readFileSync(join(power.root, 'etc/mailinabox.conf'), 'utf8');
      expect(conf).toContain('PRIMARY_HOSTNAME=mail.example.org\n');
      expect(conf.endsWith(`GNUPGHOME=/home/user-data/.gnupg/\nPGPKEY=${fpr}\n`)).toBe(true);
      const storage = join(up.root, 'home/user-data');
      for (const d of ['mail/mailboxes', 'ssl', 'backup/encrypted', 'dns', 'www/default']) {
        expect(statSync(join(storage, d)).isDirectory()).toBe(true);
      }
      const secret = join(storage, 'backup/secret_key.txt');
      expect(statSync(secret).mode & 0o777).toBe(0o600);
      const lines = readFileSync(secret, 'utf8').split('\n');
      expect(lines[0]).toMatch(/^[A-Za-z0-9+/]{64}$/);
    } finally {
      await up.close();
      await power.close();
    }
  });
});
