/**
 * The CLI as its own process, from source (through tsx), for tests that kill it mid-install: what
 * `bin/boxfleet.js` runs once built, without depending on a build.
 */
import { main } from '../../src-main/cli/main';

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (err: unknown) => {
    process.stderr.write(`${String(err)}\n`);
    process.exitCode = 1;
  },
);
