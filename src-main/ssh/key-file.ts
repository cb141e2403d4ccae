import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import { homedir } from 'node:os';
import { basename, join } from 'node:path';
import { fail, ok, type Fail, type Result } from '../../src-shared/contract/result';

/** Far above any real private key (an RSA 16384-bit key in PEM is about 12 KiB); bounds what a wrong path costs. */
export const KEY_FILE_MAX_BYTES = 64 * 1024;

const PRIVATE_KEY_BLOCK = /-----BEGIN (?:OPENSSH |RSA |DSA |EC |ENCRYPTED )?PRIVATE KEY-----/;
const PUTTY_KEY = /^PuTTY-User-Key-File-\d+:/;
const PUBLIC_KEY_LINE = /^(?:ssh-|ecdsa-|sk-)[A-Za-z0-9@.-]+ AAAA[A-Za-z0-9+/]/;
const PUBLIC_KEY_BLOCK = /-----BEGIN (?:SSH2 |RSA )?PUBLIC KEY-----/;

/** `~` and `~/…` as a shell would expand them; everything else as given. */
export function expandHome(path: string, home: string = homedir()): string {
  return path === '~' || path.startsWith('~/') ? join(home, path.slice(1)) : path;
}

/** A key problem, reported on the form's key field (`detail.field`), never as a refused login. */
function keyFieldError(message: string, field: 'keyPath' | 'privateKey' = 'keyPath'): Fail {
  return fail('validation', message, { retryable: false, detail: { field } });
}

function errnoOf(error: unknown): string | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const code: unknown = (error as Record<string, unknown>)['code'];
  return typeof code === 'string' ? code : undefined;
}

function openFailure(path: string, error: unknown): Fail {
  switch (errnoOf(error)) {
    case 'ENOENT':
      return keyFieldError(`No file at ${path}.`);
    case 'ENOTDIR':
      return keyFieldError(`No file at ${path}: a part of that path is a file, not a folder.`);
    case 'EACCES':
    case 'EPERM':
      return keyFieldError(`Boxfleet may not read ${path}: check the file's owner and permissions.`);
    case 'EISDIR':
      return keyFieldError(`${path} is a folder; choose the private key file inside it.`);
    case 'ELOOP':
      return keyFieldError(`${path} is a symbolic link that leads nowhere (a loop).`);
    default:
      return keyFieldError(`The key file ${path} cannot be opened.`);
  }
}

/**
 * What a key's text says about whether it is an SSH private key. With a path it came from a key file (field
 * `keyPath`); without one it was pasted or uploaded (field `privateKey`).
 */
export function checkPrivateKeyText(text: string, path?: string): Result<string> {
  const start = text.trimStart();
  const field = path === undefined ? 'privateKey' : 'keyPath';
  if (PUBLIC_KEY_LINE.test(start) || PUBLIC_KEY_BLOCK.test(start)) {
    const name = path === undefined ? '' : basename(path);
    const privateName = name.endsWith('.pub') ? name.slice(0, -'.pub'.length) : undefined;
    return keyFieldError(
      privateName
        ? `That is the public half (.pub); choose the private key file ${privateName}.`
        : 'That is a public key; use the private key (the file without .pub).',
      field,
    );
  }
  if (text.includes('\0') || !(PRIVATE_KEY_BLOCK.test(start) || PUTTY_KEY.test(start))) {
    return keyFieldError(`That ${path === undefined ? 'text' : 'file'} is not an SSH private key.`, field);
  }
  return ok(text);
}

/**
 * Reads a private key file for a login, checking it before any host is contacted: it must be a regular file (not a
 * folder, a device like /dev/zero, or a FIFO that would block forever), at most KEY_FILE_MAX_BYTES, and hold a private
 * key rather than its public half. Every problem is a `validation` error with `detail.field = 'keyPath'`.
 */
export async function readKeyFile(path: string, home: string = homedir()): Promise<Result<string>> {
  const expanded = expandHome(path, home);
  let handle;
  try {
    // O_NONBLOCK: opening a FIFO for reading must not wait for a writer; the type check below then refuses it.
    handle = await open(expanded, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    return openFailure(path, error);
  }
  try {
    const stat = await handle.stat();
    if (stat.isDirectory()) return openFailure(path, { code: 'EISDIR' });
    if (!stat.isFile()) return keyFieldError(`${path} is not a regular file (it is a device, pipe or socket).`);
    if (stat.size > KEY_FILE_MAX_BYTES) return keyFieldError('That file is too large to be an SSH private key.');
    // Read one byte past the limit, so a file that grew after the stat is still caught without reading it all.
    const buffer = Buffer.alloc(KEY_FILE_MAX_BYTES + 1);
    let length = 0;
    while (length < buffer.length) {
      const { bytesRead } = await handle.read(buffer, length, buffer.length - length, length);
      if (bytesRead === 0) break;
      length += bytesRead;
    }
    if (length > KEY_FILE_MAX_BYTES) return keyFieldError('That file is too large to be an SSH private key.');
    return checkPrivateKeyText(buffer.subarray(0, length).toString('utf8'), path);
  } catch (error) {
    return openFailure(path, error);
  } finally {
    await handle.close();
  }
}
