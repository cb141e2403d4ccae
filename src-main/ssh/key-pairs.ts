import { utils } from 'ssh2';

export interface GeneratedKeyPair {
  /** OpenSSH private key PEM (`-----BEGIN OPENSSH PRIVATE KEY-----`), unencrypted: it lives only in the keychain. */
  readonly privateKey: string;
  /** One authorized_keys line: `ssh-ed25519 AAAA… comment`. */
  readonly publicKeyLine: string;
}

const COMMENT = /^[A-Za-z0-9@._+-]{0,64}$/;
const PUBLIC_KEY_LINE =
  /^(ssh-ed25519|ecdsa-sha2-nistp(?:256|384|521)|ssh-rsa) [A-Za-z0-9+/]+={0,2}(?: [A-Za-z0-9@._+-]{1,64})?$/;

/** A fresh ed25519 key pair for a box, for users who do not want to manage key files. */
export function generateEd25519KeyPair(comment = 'boxfleet'): GeneratedKeyPair {
  if (!COMMENT.test(comment)) throw new Error('Key comments use letters, digits and @ . _ + - only.');
  const pair = utils.generateKeyPairSync('ed25519', { comment });
  return { privateKey: pair.private, publicKeyLine: pair.public.trim() };
}

/** Single-quotes a value for a POSIX shell. */
export function shellQuote(value: string): string {
  return `'${value.replace(/'/g, `'\\''`)}'`;
}

/**
 * One shell command that adds the key to the login user's ~/.ssh/authorized_keys: creates the directory and file with
 * private modes, does not add a line that is already there, and starts a new line if the file lacks a final newline.
 * Only a well-formed public key line is accepted, so nothing else can ride along into the command.
 */
export function authorizeCommand(publicKeyLine: string): string {
  const line = publicKeyLine.trim();
  if (!PUBLIC_KEY_LINE.test(line)) throw new Error('That is not a single OpenSSH public key line.');
  const key = shellQuote(line);
  const file = '"$HOME/.ssh/authorized_keys"';
  return (
    `umask 077 && mkdir -p "$HOME/.ssh" && touch ${file} && ` +
    `{ grep -qxF ${key} ${file} || { if [ -s ${file} ] && [ -n "$(tail -c 1 ${file})" ]; then echo >> ${file}; fi; printf '%s\\n' ${key} >> ${file}; }; }`
  );
}
