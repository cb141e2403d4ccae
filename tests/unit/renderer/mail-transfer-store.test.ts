import { formatForFile, planCounts, sessionKey } from '../../../src-renderer/stores/mail-transfer-store';
import { fakeCore, settle } from './fake-core';
import { MAIL_USERS, POSTMASTER, sampleBox } from './mail-fixtures';

const FILE = [
  'address,forwards_to',
  'help@example.com,alice@example.com',
  'postmaster@example.com,me@example.com',
  'not an address,alice@example.com',
].join('\n');

function coreWithBox() {
  const core = fakeCore({ users: MAIL_USERS });
  core.addElsewhere(sampleBox('box-1', 'mail-eu'));
  core.mailAliases.byBox.set('box-1', [POSTMASTER]);
  const transfer = core.stores.mailTransfer;
  const session = () => transfer.getState().imports[sessionKey('box-1', 'aliases')];
  return { core, transfer, session };
}

const applyCalls = (core: ReturnType<typeof fakeCore>) =>
  core.calls.filter((call) => call.method === 'mail.applyImport').length;

describe('importing into a box', () => {
  it('shows the dry run per row before anything is sent', async () => {
    const { core, transfer, session } = coreWithBox();
    await transfer.getState().chooseFile('box-1', 'aliases', 'aliases.csv', FILE);
    expect(session()?.format).toBe('csv');
    const rows = session()?.plan.data ?? [];
    expect(rows.map((row) => [row.row, row.address, row.action])).toEqual([
      [1, 'help@example.com', 'create'],
      [2, 'postmaster@example.com', 'skip'],
      [3, 'not an address', 'error'],
    ]);
    expect(planCounts(rows)).toEqual({ create: 1, update: 0, skip: 1, error: 1 });
    expect(applyCalls(core)).toBe(0);
  });

  it('applies as a job: progress from its events, then the result per row, and the list read again', async () => {
    const { core, transfer, session } = coreWithBox();
    await core.stores.aliases.getState().load('box-1');
    await transfer.getState().chooseFile('box-1', 'aliases', 'aliases.csv', FILE);
    await transfer.getState().apply('box-1', 'aliases');
    const jobId = session()?.jobId;
    expect(jobId).toBeTruthy();
    if (!jobId) return;
    expect(session()?.job).toMatchObject({ state: 'running', value: 0 });
    // The same job is the Activity panel's.
    expect(core.stores.jobs.getState().jobs.map((job) => job.jobId)).toContain(jobId);

    core.mailAliases.finishImport(jobId, 0.5);
    expect(session()?.job).toMatchObject({ state: 'running', value: 0.5 });
    core.mailAliases.finishImport(jobId);
    await settle();
    expect(session()?.job?.state).toBe('done');
    expect(session()?.result.data?.map((row) => [row.address, row.action, row.applied])).toEqual([
      ['help@example.com', 'create', true],
      ['postmaster@example.com', 'skip', undefined],
      ['not an address', 'error', undefined],
    ]);
    await settle();
    const listed = core.stores.aliases.getState().byBox['box-1']?.data?.flatMap((group) => group.aliases);
    expect(listed?.map((alias) => alias.address)).toContain('help@example.com');
  });

  it('reads the result of an import that ended before its start was answered', async () => {
    const { core, transfer, session } = coreWithBox();
    core.mailAliases.endImportsBeforeAnswer(true);
    await transfer.getState().chooseFile('box-1', 'aliases', 'aliases.json', FILE);
    await transfer.getState().apply('box-1', 'aliases');
    await settle();
    expect(session()?.job?.state).toBe('done');
    expect(session()?.result.status).toBe('ready');
    expect(session()?.result.data?.[0]).toMatchObject({ address: 'help@example.com', applied: true });
  });

  it('sends the file once: its text is dropped when applying starts, and a reset forgets the session', async () => {
    const { core, transfer, session } = coreWithBox();
    await transfer.getState().chooseFile('box-1', 'aliases', 'aliases.csv', FILE);
    await transfer.getState().apply('box-1', 'aliases');
    await transfer.getState().apply('box-1', 'aliases');
    expect(applyCalls(core)).toBe(1);
    expect(JSON.stringify(transfer.getState())).not.toContain('help@example.com,alice@example.com');
    transfer.getState().reset('box-1', 'aliases');
    expect(session()).toBeUndefined();
    await transfer.getState().apply('box-1', 'aliases');
    expect(applyCalls(core)).toBe(1);
  });

  it('keeps a refused start beside the dry run so the admin can try again', async () => {
    const { core, transfer, session } = coreWithBox();
    await transfer.getState().chooseFile('box-1', 'aliases', 'aliases.csv', FILE);
    core.mailAliases.down.add('box-1');
    await transfer.getState().apply('box-1', 'aliases');
    expect(session()).toMatchObject({ jobId: null, startError: { code: 'host-unreachable' } });
    core.mailAliases.down.delete('box-1');
    await transfer.getState().apply('box-1', 'aliases');
    expect(session()?.jobId).toBeTruthy();
    expect(session()?.startError).toBeNull();
  });

  it('reads a .json file as JSON and anything else as CSV', () => {
    expect(['a.json', 'A.JSON', 'a.csv', 'a.txt', 'json'].map(formatForFile)).toEqual([
      'json',
      'json',
      'csv',
      'csv',
      'csv',
    ]);
  });
});
