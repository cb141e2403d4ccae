/**
 * What each option means, for `boxfleet COMMAND --help`. Options mean the same in every command that takes them,
 * except where a command overrides an entry (`Command.optionHelp`), as `serve` does for --port.
 */
export const OPTION_HELP: Readonly<Record<string, string>> = {
  host: 'the server: a hostname or IP address',
  port: 'the SSH port (default 22)',
  user: 'the SSH login user (root, or a user with passwordless sudo for the API key)',
  key: 'a private key file (OpenSSH, PEM or PKCS#8; ed25519, ECDSA or RSA)',
  'passphrase-stdin': "read the key's passphrase from standard input",
  'password-stdin': 'log in with a password read from standard input',
  agent: 'log in with a key held by the running ssh-agent (SSH_AUTH_SOCK)',
  'accept-host-key': "trust this SHA-256 host key fingerprint (compare it with the provider's console)",
  tag: 'a tag for grouping boxes; repeat for several',
  jump: 'reach the box through this SSH jump host (ProxyJump), with the same credential',
  'no-jump': 'stop using a jump host',
  'api-port': "the management API's port on the box (default 10222)",
  'api-key-file': "the API key's path on the box (default /var/lib/mailinabox/api.key)",
  'conf-file': 'the path of mailinabox.conf on the box (default /etc/mailinabox.conf)',
  'storage-root': 'STORAGE_ROOT on the box (default /home/user-data)',
  box: 'the box, by name',
  data: 'a form field KEY=VALUE for the request body; repeat for several',
  yes: 'do not ask for confirmation',
  changes: 'show only what changed since the previous run',
  format: 'the output format',
};
