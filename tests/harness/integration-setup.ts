/**
 * Global setup of the jest integration project: the tier starts real sshd instances, creates OS test users and
 * sudoers grants, so it needs root. Without root it stops with one line instead of one failure per test.
 */
async function integrationSetup(): Promise<void> {
  if (process.getuid?.() === 0) return;
  process.stderr.write(
    'The integration tests need root (they run real sshd instances and create OS test users and sudoers rules); ' +
      'run them as root. `npm test` skips them for other users.\n',
  );
  process.exit(1);
}

export = integrationSetup;
