/**
 * Every route of both flavours; the router keeps those of the running flavour.
 */
import type { RouteDef } from '../types';
import { aliasRoutes } from './aliases';
import { backupRoutes } from './backup';
import { dnsRoutes } from './dns';
import { mfaRoutes } from './mfa';
import { muninRoutes } from './munin';
import { powerRoutes } from './power';
import { sessionRoutes } from './session';
import { sslRoutes } from './ssl';
import { systemRoutes } from './system';
import { userRoutes } from './users';
import { webRoutes } from './web';

export const allRoutes: RouteDef[] = [
  ...sessionRoutes,
  ...userRoutes,
  ...aliasRoutes,
  ...mfaRoutes,
  ...dnsRoutes,
  ...webRoutes,
  ...sslRoutes,
  ...systemRoutes,
  ...backupRoutes,
  ...muninRoutes,
  ...powerRoutes,
];
