import type { Command } from '../command';
import { boxListCommand } from './box-list';
import { serveCommand } from './serve';

/** Every CLI command. Longest path first is not needed: paths are matched word by word. */
export const COMMANDS: readonly Command[] = [serveCommand, boxListCommand];
