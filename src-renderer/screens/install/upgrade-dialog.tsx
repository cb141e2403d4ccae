import { useState } from 'react';
import type { Box } from '../../../src-shared/domain/box';
import { ConfirmDialog } from '../../components/confirm-dialog';
import { ErrorBanner } from '../../components/error-banner';
import { TextField } from '../../components/text-field';
import { useInstallRuns, useNavigation } from '../../stores/stores-context';

const TAG = /^[A-Za-z0-9][A-Za-z0-9._-]{0,39}$/;

/**
 * Re-run setup on a box of the fleet, or upgrade it to a release tag (§8.7), said plainly before it starts: the
 * daemon restarts and its API key rotates. The install's own screen shows the progress.
 */
export function UpgradeDialog({ box, onClose }: { box: Box; onClose: () => void }) {
  const [version, setVersion] = useState('');
  const [versionError, setVersionError] = useState<string | undefined>();
  const request = useInstallRuns((s) => s.upgrades[box.id]);
  const upgrade = useInstallRuns((s) => s.upgrade);
  const clearError = useInstallRuns((s) => s.clearUpgradeError);
  const showInstall = useNavigation((s) => s.showInstall);
  const busy = request?.busy ?? false;
  const tag = version.trim();
  const close = () => {
    clearError(box.id);
    onClose();
  };
  const confirm = () => {
    if (busy) return;
    if (tag !== '' && !TAG.test(tag)) {
      setVersionError('Enter a release tag such as v75, or leave it empty to re-run the installed version.');
      document.getElementById('upgrade-version')?.focus();
      return;
    }
    void upgrade(box.id, tag === '' ? undefined : tag).then((installId) => {
      if (!installId) return;
      onClose();
      showInstall(installId);
    });
  };
  return (
    <ConfirmDialog
      id="upgrade"
      title={`Re-run setup or upgrade ${box.name}?`}
      problem={
        request?.error ? <ErrorBanner context="Could not start setup on the box" report={request.error} /> : undefined
      }
      confirmLabel={tag === '' ? 'Re-run setup' : `Upgrade to ${tag}`}
      busyLabel="Starting…"
      busy={busy}
      onConfirm={confirm}
      onCancel={close}
    >
      <p>
        Mail-in-a-Box’s setup runs again on {box.host}, with the hostname and addresses from the box’s own settings.
        Mail, users, keys and settings stay.
      </p>
      <p>
        <strong>The box’s management daemon restarts and its API key rotates:</strong> everyone signed in to its control
        panel is signed out, and Boxfleet reads the new key by itself. Setup takes several minutes and keeps running if
        Boxfleet closes.
      </p>
      <TextField
        id="upgrade-version"
        label="Version (optional)"
        value={version}
        onChange={(value) => {
          setVersion(value);
          setVersionError(undefined);
        }}
        error={versionError}
        placeholder="the installed version"
        hint="A release tag such as v75 to upgrade to it; empty re-runs the version the box has."
        mono
      />
    </ConfirmDialog>
  );
}
