import type { Command } from '../command';
import { apiCommand } from './api';
import { boxAddCommand } from './box-add';
import { boxEditCommand } from './box-edit';
import { boxListCommand } from './box-list';
import { boxRemoveCommand, boxShowCommand, boxTestCommand, usersListCommand } from './box-manage';
import { serveCommand } from './serve';

/** Every CLI command, in the order `boxfleet --help` lists them. */
export const COMMANDS: readonly Command[] = [
  serveCommand,
  boxListCommand,
  boxAddCommand,
  boxEditCommand,
  boxShowCommand,
  boxTestCommand,
  boxRemoveCommand,
  usersListCommand,
  apiCommand,
];
