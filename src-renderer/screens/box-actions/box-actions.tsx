import { useState } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { useAddServer, useBoxActions } from '../../stores/stores-context';
import { AddServerDialog } from '../add-server/add-server-dialog';
import { UpgradeDialog } from '../install/upgrade-dialog';
import { ConnectionTestResult } from './connection-test-result';
import { EditBoxDialog } from './edit-box-dialog';
import { RemoveBoxDialog } from './remove-box-dialog';

/** Edit, Test connection and Remove for one saved box, above its overview; and changing how it is reached. */
export function BoxActions({ box }: { box: Box }) {
  const [dialog, setDialog] = useState<'edit' | 'remove' | 'upgrade' | null>(null);
  const test = useBoxActions((s) => s.tests[box.id]);
  const testConnection = useBoxActions((s) => s.testConnection);
  const forgetTest = useBoxActions((s) => s.forget);
  const openEdit = useAddServer((s) => s.openEdit);
  const running = test?.status === 'running';
  return (
    <>
      <div className="box-actions">
        <div className="screen-actions" role="group" aria-label={`Actions for ${box.name}`}>
          <button type="button" className="button" onClick={() => setDialog('edit')}>
            Edit
          </button>
          <button
            type="button"
            className="button"
            aria-disabled={running || undefined}
            onClick={() => (running ? undefined : void testConnection(box.id))}
          >
            {running ? 'Testing…' : 'Test connection'}
          </button>
          <button type="button" className="button button-danger-outline" onClick={() => setDialog('remove')}>
            Remove
          </button>
        </div>
        {/* Its own group: host, port, user, jump host, paths and the login, through the add-server steps. */}
        <div className="screen-actions" role="group" aria-label={`Connection of ${box.name}`}>
          <button
            type="button"
            className="button"
            onClick={() => {
              // The last test result is about the connection being replaced.
              forgetTest(box.id);
              openEdit(box);
            }}
          >
            Edit connection…
          </button>
        </div>
        {/* Setup again on the box, or a newer release: the daemon restarts, so it is asked once more. */}
        <div className="screen-actions" role="group" aria-label={`Setup of ${box.name}`}>
          <button type="button" className="button" onClick={() => setDialog('upgrade')}>
            Re-run setup or upgrade…
          </button>
        </div>
      </div>
      <ConnectionTestResult box={box} test={test} />
      {dialog === 'edit' ? <EditBoxDialog box={box} onClose={() => setDialog(null)} /> : null}
      {dialog === 'remove' ? <RemoveBoxDialog box={box} onClose={() => setDialog(null)} /> : null}
      {dialog === 'upgrade' ? <UpgradeDialog box={box} onClose={() => setDialog(null)} /> : null}
      <AddServerDialog />
    </>
  );
}
