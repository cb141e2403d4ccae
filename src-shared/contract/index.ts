import type { Api, Handlers } from './define';
import { appMethods } from './app';
import { boxesMethods } from './boxes';
import { dnsMethods } from './dns';
import { installMethods } from './install';
import { alertsMethods, checksMethods, fleetMethods } from './fleet';
import { jobsMethods } from './jobs';
import { mailFleetMethods } from './mail-fleet';
import { mailboxesMethods } from './mailboxes';

/**
 * The one definition of everything that crosses a process boundary. The preload API, the renderer's client,
 * the main-process router, browser mode and the CLI's --json output are all derived from this object.
 */
export const contract = {
  app: appMethods,
  boxes: boxesMethods,
  mailboxes: mailboxesMethods,
  mail: mailFleetMethods,
  dns: dnsMethods,
  install: installMethods,
  jobs: jobsMethods,
  alerts: alertsMethods,
  fleet: fleetMethods,
  checks: checksMethods,
} as const;

export type Contract = typeof contract;
export type BoxfleetApi = Api<Contract>;
export type ContractHandlers<Ctx> = Handlers<Contract, Ctx>;

export { listMethods, method, event } from './define';
export type { MethodDef, EventDef } from './define';
export * from './result';
export * from './events';
export * from './wire';
