import { createInterface } from 'node:readline';
import { Writable } from 'node:stream';
import type { Io } from './command';

async function readAll(stream: NodeJS.ReadStream): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.isBuffer(chunk) ? chunk : Buffer.from(String(chunk)));
  return Buffer.concat(chunks).toString('utf8');
}

/** Asks one question on the terminal; with `secret` the answer is not echoed. */
function ask(question: string, secret: boolean): Promise<string> {
  let muted = false;
  const output = new Writable({
    write(chunk, _encoding, done) {
      if (!muted) process.stderr.write(chunk);
      done();
    },
  });
  const rl = createInterface({ input: process.stdin, output, terminal: true });
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      if (secret) process.stderr.write('\n');
      resolve(answer);
    });
    muted = secret;
  });
}

/** The real terminal. */
export function processIo(): Io {
  const isTty = Boolean(process.stdin.isTTY && process.stderr.isTTY);
  const io: Io = {
    out: (t) => void process.stdout.write(t),
    err: (t) => void process.stderr.write(t),
    readStdin: () => readAll(process.stdin),
    isTty,
  };
  if (isTty) io.prompt = (question, { secret }) => ask(question, secret);
  return io;
}
