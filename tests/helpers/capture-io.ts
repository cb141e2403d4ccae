import type { Io } from '../../src-main/cli/command';

/** A terminal for CLI tests: collects what a person would see and feeds stdin. */
export function captureIo(stdin = ''): Io & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out(t: string) {
      io.stdout += t;
    },
    err(t: string) {
      io.stderr += t;
    },
    readStdin: async () => stdin,
    isTty: false,
  };
  return io;
}
