/**
 * For jest's `setupFiles` in the integration project: runs in every test file's worker before the tests.
 * libdbus remembers the first session bus address it sees for the life of the (reused) worker process, so pin
 * the harness's per-process address before any test can touch the keychain.
 */
import { pinBusAddress } from './keyring';

pinBusAddress();
