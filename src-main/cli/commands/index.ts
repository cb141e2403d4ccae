import type { Command } from '../command';
import { apiCommand } from './api';
import { boxAddCommand } from './box-add';
import { boxEditCommand } from './box-edit';
import { boxListCommand } from './box-list';
import { aliasesAddCommand, aliasesListCommand, aliasesRemoveCommand } from './aliases';
import { boxRemoveCommand, boxShowCommand, boxTestCommand } from './box-manage';
import { checksRunCommand, checksShowCommand } from './checks';
import { dnsAddCommand, dnsListCommand, dnsRemoveCommand, dnsSecondaryCommand, dnsSetCommand } from './dns';
import { dnsCheckCommand, dnsDsCommand, dnsDumpCommand, dnsZonefileCommand } from './dns-external';
import { findCommand } from './find';
import { installAttachCommand, installCommand } from './install';
import { inventoryCommand } from './inventory';
import { aliasesExportCommand, aliasesImportCommand, usersExportCommand, usersImportCommand } from './mail-transfer';
import { serveCommand } from './serve';
import { statusCommand } from './status';
import { upgradeCommand } from './upgrade';
import {
  usersAddCommand,
  usersAdminCommand,
  usersListCommand,
  usersPasswordCommand,
  usersQuotaCommand,
  usersRemoveCommand,
} from './users';

/** Every CLI command, in the order `boxfleet --help` lists them. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  boxListCommand,
  boxAddCommand,
  boxEditCommand,
  boxShowCommand,
  boxTestCommand,
  boxRemoveCommand,
  // `install attach` before `install`: the first command whose words start the line wins.
  installAttachCommand,
  installCommand,
  upgradeCommand,
  statusCommand,
  checksRunCommand,
  checksShowCommand,
  inventoryCommand,
  usersListCommand,
  usersAddCommand,
  usersRemoveCommand,
  usersPasswordCommand,
  usersAdminCommand,
  usersQuotaCommand,
  usersExportCommand,
  usersImportCommand,
  aliasesListCommand,
  aliasesAddCommand,
  aliasesRemoveCommand,
  aliasesExportCommand,
  aliasesImportCommand,
  findCommand,
  dnsListCommand,
  dnsSetCommand,
  dnsAddCommand,
  dnsRemoveCommand,
  dnsSecondaryCommand,
  dnsZonefileCommand,
  dnsDumpCommand,
  dnsDsCommand,
  dnsCheckCommand,
  apiCommand,
];
