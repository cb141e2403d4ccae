import { allowedExternalUrl, isAllowedExternalUrl, README_URL } from '../../../src-main/app/external-links';
import { decideNavigation } from '../../../src-main/app/navigation';

describe('external link allow-list', () => {
  it.each([
    'https://github.com/mail-in-a-box/mailinabox',
    'https://mailinabox.email/guide.html',
    'https://discourse.mailinabox.email/',
    'https://GitHub.com/x',
  ])('opens %s', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(true);
  });

  it.each([
    'http://github.com/',
    'file:///etc/passwd',
    'smb://github.com/share',
    'javascript:alert(1)',
    'https://github.com.evil.example/',
    'https://evilgithub.com/',
    'https://gist.github.com/',
    'https://github.com./',
    'https://user:pw@github.com/',
    'https://github.com:8443/',
    'https://mail.example.org/admin',
    'app://boxfleet/index.html',
    'not a url',
    '',
  ])('keeps %s closed', (url) => {
    expect(isAllowedExternalUrl(url)).toBe(false);
  });

  it('hands on the normalised URL', () => {
    expect(allowedExternalUrl('https://GITHUB.com/a b')).toBe('https://github.com/a%20b');
  });

  it('allows the README the Help menu opens', () => {
    expect(isAllowedExternalUrl(README_URL)).toBe(true);
  });
});

describe('navigation decisions', () => {
  it('lets our window move within app://boxfleet', () => {
    expect(decideNavigation('app://boxfleet/index.html#/boxes', 'navigate')).toEqual({ action: 'allow' });
  });

  it('never opens a new window, even for our own origin', () => {
    expect(decideNavigation('app://boxfleet/index.html', 'new-window')).toEqual({ action: 'deny' });
  });

  it('sends allow-listed links to the OS browser instead of navigating', () => {
    for (const kind of ['navigate', 'new-window'] as const) {
      expect(decideNavigation('https://mailinabox.email/', kind)).toEqual({
        action: 'open-external',
        url: 'https://mailinabox.email/',
      });
    }
  });

  it.each(['https://box.example.org/admin', 'app://evil/index.html', 'file:///etc/passwd', 'http://localhost:1234/'])(
    'drops %s',
    (url) => {
      expect(decideNavigation(url, 'navigate')).toEqual({ action: 'deny' });
      expect(decideNavigation(url, 'new-window')).toEqual({ action: 'deny' });
    },
  );
});
