import { fail, ok, type Result } from '../../src-shared/contract/result';
import type { Box } from '../../src-shared/domain/box';
import type { EventBus } from '../events/event-bus';
import type { JsonFile } from '../store/json-file';
import type { FleetData } from './fleet-store';

/** The fleet registry: which boxes exist and how to reach them. */
export class FleetService {
  constructor(
    private readonly file: JsonFile<FleetData>,
    private readonly bus: EventBus,
  ) {}

  async list(): Promise<Result<Box[]>> {
    const data = await this.file.readOrEmpty();
    if (!data.ok) return data;
    return ok([...data.value.boxes].sort((a, b) => a.name.localeCompare(b.name)));
  }

  /** By id or by name (names are unique, case-insensitively). */
  async find(idOrName: string): Promise<Result<Box>> {
    const boxes = await this.list();
    if (!boxes.ok) return boxes;
    const box = boxes.value.find((b) => b.id === idOrName || b.name.toLowerCase() === idOrName.toLowerCase());
    return box
      ? ok(box)
      : fail('not-found', `There is no box called "${idOrName}". \`boxfleet box list\` shows the fleet.`);
  }

  async save(box: Box): Promise<Result<Box>> {
    const boxes = await this.list();
    if (!boxes.ok) return boxes;
    const clash = boxes.value.find((b) => b.id !== box.id && b.name.toLowerCase() === box.name.toLowerCase());
    if (clash) return fail('conflict', `A box called "${clash.name}" already exists. Choose another name.`);
    const updated = await this.file.update((data) => ({ boxes: [...data.boxes.filter((b) => b.id !== box.id), box] }));
    if (!updated.ok) return updated;
    this.bus.emit('boxes.changed', { reason: 'saved' });
    return ok(box);
  }

  async remove(id: string): Promise<Result<void>> {
    const updated = await this.file.update((data) => ({ boxes: data.boxes.filter((b) => b.id !== id) }));
    if (!updated.ok) return updated;
    this.bus.emit('boxes.changed', { reason: 'removed' });
    return ok(undefined);
  }
}
