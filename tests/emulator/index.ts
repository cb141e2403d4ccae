/**
 * The box emulator: a TypeScript stand-in for the Mail-in-a-Box management daemon (upstream v75 and Power v60.5).
 */
export { startEmulator, PyValueError } from './server';
export type { EmulatorHandle, EmulatorOptions } from './server';
export { authFor } from './auth';
export { addAlias, addLeftoverMailbox, addTotp, addUser, createState, newTotpSecret } from './state';
export type { CreateStateOptions, SeedAlias, SeedUser } from './state';
export { totpToken } from './totp';
export { sortDomains, sortEmails } from './ordering';
export { mailDomains, webDomains, zoneNames } from './domains';
export { hashPassword, verifyPassword } from './passwords';
export type * from './types';
