import { FleetMail, type BoxMail } from '../../../src-main/mailboxes/fleet-mail';
import type { MailDomainAliases, MailDomainUsers } from '../../../src-shared/contract/mailboxes';
import { fail, ok } from '../../../src-shared/contract/result';
import type { Box } from '../../../src-shared/domain/box';

const boxes = ['one', 'two', 'three'].map((name) => ({ id: `box-${name}`, name }) as Box);

function fleetOf(mail: Partial<BoxMail>): FleetMail {
  const unused = async () => fail('internal', 'not used here');
  return new FleetMail({
    boxes: async () => ok(boxes),
    mail: { listUsers: unused, listAliases: unused, addUser: unused, addAlias: unused, ...mail },
    concurrency: 2,
  });
}

const users = (email: string): MailDomainUsers[] => [
  {
    domain: email.split('@')[1] ?? '',
    users: [
      {
        email,
        status: 'active',
        privileges: [],
        quotaBytes: null,
        usedDisplay: null,
        percent: null,
        messages: null,
      },
    ],
  },
];

const noAliases: MailDomainAliases[] = [];

test("find: a box that fails is a failure beside the others' hits; unknown ids are failures too", async () => {
  const fleet = fleetOf({
    listUsers: async (boxId) =>
      boxId === 'box-two' ? fail('timeout', 'The box did not answer in time.') : ok(users(`ann@${boxId}.example.com`)),
    listAliases: async () => ok(noAliases),
  });
  const found = await fleet.find('ANN', ['box-one', 'box-two', 'box-three', 'box-gone']);
  expect(found.ok && found.value.hits.map((hit) => [hit.boxName, hit.address])).toEqual([
    ['one', 'ann@box-one.example.com'],
    ['three', 'ann@box-three.example.com'],
  ]);
  expect(found.ok && found.value.failures.map((f) => [f.boxName, f.error.code])).toEqual([
    ['box-gone', 'not-found'],
    ['two', 'timeout'],
  ]);
});

test('add: one outcome per box in the order asked, a box named twice changed once', async () => {
  const asked: string[] = [];
  const fleet = fleetOf({
    addUser: async (boxId) => {
      asked.push(boxId);
      return boxId === 'box-one' ? fail('box-api-error', 'User already exists.') : ok({ report: 'mail user added\n' });
    },
  });
  const outcomes = await fleet.addUser(['box-three', 'box-one', 'box-three'], {
    email: 'ann@example.com',
    password: 'ann-password-1',
    admin: false,
  });
  expect(outcomes.ok && outcomes.value.map((o) => [o.boxName, o.ok ? o.report : o.error.message])).toEqual([
    ['three', 'mail user added\n'],
    ['one', 'User already exists.'],
  ]);
  expect(asked.sort()).toEqual(['box-one', 'box-three']);
});
