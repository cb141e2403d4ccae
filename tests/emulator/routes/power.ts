/**
 * Routes only Power-MiaB has (§6.4). /system/backup/new lives with the other backup routes (routes/backup.ts).
 */
import type { RouteDef } from '../types';
import { powerMiscRoutes } from './power-misc';
import { powerPgpRoutes } from './power-pgp';

export const powerRoutes: RouteDef[] = [...powerMiscRoutes, ...powerPgpRoutes];
