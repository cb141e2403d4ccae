import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { freePort } from '../harness/free-port';
import { runningProcesses, startProcess, stopProcess } from '../harness/processes';
import { makeTempDir, removeTempDirs, tempRoot } from '../harness/temp';

jest.setTimeout(30_000);

const node = process.execPath;

describe('process registry', () => {
  test('starts a process, records its pid and stops it with SIGTERM', async () => {
    const proc = await startProcess('sleeper', node, ['-e', 'console.log("up"); setInterval(() => {}, 1000)']);
    await proc.waitForOutput(/up/);
    expect(runningProcesses().map((p) => p.pid)).toContain(proc.pid);
    const exit = await stopProcess(proc.pid);
    expect(exit.signal).toBe('SIGTERM');
    expect(proc.running()).toBe(false);
    expect(runningProcesses().map((p) => p.pid)).not.toContain(proc.pid);
    expect(() => process.kill(proc.pid, 0)).toThrow();
  });

  test('escalates to SIGKILL when SIGTERM is ignored', async () => {
    const proc = await startProcess('stubborn', node, [
      '-e',
      'process.on("SIGTERM", () => console.log("ignored")); console.log("up"); setInterval(() => {}, 1000)',
    ]);
    await proc.waitForOutput(/up/);
    const exit = await stopProcess(proc, 300);
    expect(exit.signal).toBe('SIGKILL');
    expect(proc.output()).toContain('ignored');
  });

  test('refuses to stop a pid it did not start', async () => {
    await expect(stopProcess(process.pid)).rejects.toThrow(/not started by the test harness/);
    await expect(stopProcess(1)).rejects.toThrow(/not started by the test harness/);
  });

  test('reports a process that exits before printing what was awaited', async () => {
    const proc = await startProcess('quitter', node, ['-e', 'console.error("boom"); process.exit(3)']);
    await expect(proc.waitForOutput(/never/)).rejects.toThrow(/exited before printing[\s\S]*boom/);
    expect((await proc.exited).code).toBe(3);
  });

  test('rejects when the command does not exist', async () => {
    await expect(startProcess('missing', '/nonexistent/boxfleet-binary', [])).rejects.toThrow(/could not start/);
  });
});

test('freePort gives a port that can be bound right away', async () => {
  const port = await freePort();
  expect(port).toBeGreaterThan(0);
  const server = net.createServer();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen({ host: '127.0.0.1', port }, resolve);
  });
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

test('temp dirs live under one per-run root that teardown removes', async () => {
  const a = await makeTempDir('alpha');
  const b = await makeTempDir('beta', 0o700);
  expect(path.dirname(a)).toBe(tempRoot());
  expect(a).not.toBe(b);
  expect(fs.statSync(b).mode & 0o777).toBe(0o700);
  fs.writeFileSync(path.join(a, 'file'), 'x');
  const root = tempRoot();
  await removeTempDirs();
  expect(fs.existsSync(root)).toBe(false);
});
