import { fail, ok, type Result } from '../../../src-shared/contract/result';
import type { MailGuide } from '../../../src-shared/contract/mailboxes';
import type { AliasGroup } from '../../../src-shared/domain/miab';
import { MailService, type MailBoxApi } from '../../../src-main/mailboxes/mail-service';

/** A box that answers only what these tests read; anything else is a failure the test would see. */
function boxWith(aliases: AliasGroup[]): MailBoxApi {
  const unexpected = async (): Promise<Result<never>> => fail('internal', 'not part of this test');
  return {
    detect: async () => ok({ flavour: 'upstream', version: 'v75' }),
    routes: {
      users: {
        list: unexpected,
        add: unexpected,
        remove: unexpected,
        setPassword: unexpected,
        getQuota: unexpected,
        setQuota: unexpected,
        addPrivilege: unexpected,
        removePrivilege: unexpected,
      },
      aliases: { list: async () => ok(aliases), add: unexpected, remove: unexpected, domains: unexpected },
      power: { defaultQuota: unexpected },
    },
  };
}

const hostmaster = (host: string): AliasGroup => ({
  domain: host,
  aliases: [
    {
      address: `hostmaster@${host}`,
      address_display: `hostmaster@${host}`,
      auto: true,
      forwards_to: [`administrator@${host}`],
      permitted_senders: null,
    },
  ],
});

describe('mail service: the guide', () => {
  it('uses the host name detected over SSH', async () => {
    const service = new MailService({
      api: async () => ok(boxWith([hostmaster('other.example.com')])),
      hostname: async () => ok('box.example.com'),
    });
    const guide = await service.guide('b1');
    expect(guide.ok && guide.value.hostname).toBe('box.example.com');
  });

  it("falls back to the box's hostmaster@ alias when the host name was never detected", async () => {
    const service = new MailService({
      api: async () => ok(boxWith([hostmaster('mail.example.net')])),
      hostname: async () => ok(null),
    });
    const guide = await service.guide('b1');
    expect(guide).toMatchObject({ ok: true, value: { hostname: 'mail.example.net' } satisfies Partial<MailGuide> });
  });

  it('says so when neither tells the host name', async () => {
    const service = new MailService({ api: async () => ok(boxWith([])), hostname: async () => ok(null) });
    expect(await service.guide('b1')).toMatchObject({ ok: false, error: { code: 'not-found' } });
  });

  it('passes on a box that cannot be reached', async () => {
    const service = new MailService({
      api: async () => fail('not-found', 'No box b9.'),
      hostname: async () => ok(null),
    });
    expect(await service.listAliases('b9')).toEqual(fail('not-found', 'No box b9.'));
  });
});
