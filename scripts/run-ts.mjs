// Runs a TypeScript entry point (the box emulator, benchmarks) under tsx's loader in one child process, forwarding
// signals and the exit code. Long-running entry points also watch for this process going away themselves
// (src-main/cli/exit-with-parent.ts): npm does not forward SIGTERM through its shell on every path.
import { spawn } from 'node:child_process';

const child = spawn(process.execPath, ['--import', 'tsx', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
child.on('exit', (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
