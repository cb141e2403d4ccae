import { fail, IPC_EVENT_CHANNEL, IPC_METHOD_PREFIX, type Result } from '../../src-shared/contract';
import type { Router } from '../ipc/router';
import { isTrustedSender, type SenderFacts } from './trusted-sender';

/** The parts of Electron's IpcMainInvokeEvent the binding reads; Electron's own event satisfies it. */
export interface InvokeEventLike {
  readonly sender: { readonly id: number };
  readonly senderFrame: { readonly url: string; readonly parent: unknown } | null;
}

/** The parts of Electron's ipcMain the binding uses. */
export interface IpcMainLike {
  handle(channel: string, listener: (event: InvokeEventLike, request: unknown) => Promise<Result<unknown>>): void;
  removeHandler(channel: string): void;
}

export interface IpcBinding<Ctx> {
  readonly ipcMain: IpcMainLike;
  readonly router: Router<Ctx>;
  readonly ctx: Ctx;
  /** The webContents ids of windows we created; read on every call because windows come and go (macOS). */
  readonly trustedWebContentsIds: () => ReadonlySet<number>;
  readonly onRefused?: (method: string, facts: SenderFacts) => void;
}

export function senderFacts(event: InvokeEventLike): SenderFacts {
  const frame = event.senderFrame;
  return {
    webContentsId: event.sender.id,
    frameUrl: frame === null ? null : frame.url,
    isTopFrame: frame !== null && frame.parent === null,
  };
}

/**
 * Binds one `ipcMain.handle` channel per contract method (`boxfleet:<domain.verb>`) to the router. Calls from
 * anything but our own window's app:// top frame are answered with a refusal and never reach a service.
 * Returns a function that removes every handler again.
 */
export function bindIpc<Ctx>(binding: IpcBinding<Ctx>): () => void {
  const channels = binding.router.methods.map((name) => {
    const channel = `${IPC_METHOD_PREFIX}${name}`;
    binding.ipcMain.handle(channel, async (event, request) => {
      const facts = senderFacts(event);
      if (!isTrustedSender(facts, binding.trustedWebContentsIds())) {
        binding.onRefused?.(name, facts);
        return fail('not-supported', `Refused ${name}: the call did not come from the Boxfleet window.`);
      }
      return binding.router.call(name, request, binding.ctx);
    });
    return channel;
  });
  return () => {
    for (const channel of channels) binding.ipcMain.removeHandler(channel);
  };
}

/** The parts of Electron's WebContents event forwarding uses. */
export interface EventTarget {
  isDestroyed(): boolean;
  send(channel: string, message: { name: string; payload: unknown }): void;
}

export interface EventSource {
  on(listener: (name: string, payload: unknown) => void): () => void;
}

/** Pushes every core event to our windows on IPC_EVENT_CHANNEL; the preload filters by name for subscribers. */
export function forwardEvents(source: EventSource, targets: () => readonly EventTarget[]): () => void {
  return source.on((name, payload) => {
    for (const target of targets()) {
      if (!target.isDestroyed()) target.send(IPC_EVENT_CHANNEL, { name, payload });
    }
  });
}
