import type { Command } from '../command';
import { apiCommand } from './api';
import { boxAddCommand } from './box-add';
import { boxEditCommand } from './box-edit';
import { boxListCommand } from './box-list';
import { boxRemoveCommand, boxShowCommand, boxTestCommand, usersListCommand } from './box-manage';
import { checksRunCommand, checksShowCommand } from './checks';
import { inventoryCommand } from './inventory';
import { serveCommand } from './serve';
import { statusCommand } from './status';

/** Every CLI command, in the order `boxfleet --help` lists them. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  boxListCommand,
  boxAddCommand,
  boxEditCommand,
  boxShowCommand,
  boxTestCommand,
  boxRemoveCommand,
  statusCommand,
  checksRunCommand,
  checksShowCommand,
  inventoryCommand,
  usersListCommand,
  apiCommand,
];
