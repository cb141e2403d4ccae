import { events, type EventName, type EventPayload } from '../../src-shared/contract/events';

export type EventListener = <N extends EventName>(name: N, payload: EventPayload<N>) => void;

/** Main's side of the contract's events: services emit, faces (IPC, WebSocket) forward. */
export class EventBus {
  private readonly listeners = new Set<EventListener>();

  emit<N extends EventName>(name: N, payload: EventPayload<N>): void {
    // Checked here so a service bug cannot push malformed data into a window.
    const parsed = events[name].payload.parse(payload) as EventPayload<N>;
    for (const listener of this.listeners) listener(name, parsed);
  }

  on(listener: EventListener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }
}
