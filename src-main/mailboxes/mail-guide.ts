import type { MailGuide, MailGuideEntry } from '../../src-shared/contract/mailboxes';
import type { Flavour } from '../../src-shared/domain/box';

/**
 * Whether the box's guide names port 465 with implicit TLS for sending: both flavours have since upstream v0.54 (and
 * Power's v0.54.POWER.x), which moved submission from 587/STARTTLS to 465. Older boxes still told users 587.
 */
function submitsOn465(version: string): boolean {
  const legacy = /^v0\.(\d+)/.exec(version);
  return legacy?.[1] === undefined || Number(legacy[1]) >= 54;
}

/**
 * A box's mail client settings as its own mail and sync guides give them (management/templates/mail-guide.html and
 * sync-guide.html, the same on both flavours), plus the DAV addresses the box's autoconfiguration files announce.
 * Everything hangs on the box's PRIMARY_HOSTNAME; every web service is HTTPS on 443.
 */
export function buildMailGuide(hostname: string, box: { flavour: Flavour; version: string }): MailGuide {
  const web = `https://${hostname}`;
  const modern = submitsOn465(box.version);
  const entry = (e: Omit<MailGuideEntry, 'host'>): MailGuideEntry => ({ ...e, host: hostname });
  return {
    hostname,
    username: 'The full email address; the password is the mail password.',
    entries: [
      entry({ protocol: 'imap', label: 'IMAP (incoming mail)', port: 993, security: 'SSL/TLS', url: null, note: null }),
      entry({
        protocol: 'smtp',
        label: 'SMTP (outgoing mail)',
        port: modern ? 465 : 587,
        security: modern ? 'SSL/TLS' : 'STARTTLS',
        url: null,
        note: 'Sign in with the same address and password as for incoming mail.',
      }),
      entry({
        protocol: 'pop',
        label: 'POP (incoming mail, instead of IMAP)',
        port: 995,
        security: 'SSL/TLS',
        url: null,
        note: 'The box recommends IMAP; outgoing mail is set up as above.',
      }),
      entry({
        protocol: 'activesync',
        label: 'Exchange/ActiveSync',
        port: 443,
        security: 'Secure connection (HTTPS)',
        url: null,
        note: 'Also syncs contacts and calendars; the box suggests IMAP when a device misbehaves with it.',
      }),
      entry({
        protocol: 'carddav',
        label: 'Contacts (CardDAV)',
        port: 443,
        security: 'SSL/TLS',
        url: `${web}/.well-known/carddav`,
        note: `In a browser: ${web}/cloud/contacts`,
      }),
      entry({
        protocol: 'caldav',
        label: 'Calendar (CalDAV)',
        port: 443,
        security: 'SSL/TLS',
        url: `${web}/.well-known/caldav`,
        note: `In a browser: ${web}/cloud/calendar`,
      }),
      entry({
        protocol: 'webmail',
        label: 'Webmail',
        port: 443,
        security: 'HTTPS',
        url: `${web}/mail`,
        note: `Apple devices can set everything up at once from ${web}/mailinabox.mobileconfig`,
      }),
    ],
  };
}
