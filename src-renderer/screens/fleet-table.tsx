import type { Box } from '../../src-shared/domain/box';
import { AddressText } from '../components/address-text';
import { formatAddress, formatFlavour } from '../format';

interface Props {
  readonly boxes: readonly Box[];
  readonly onOpen: (boxId: string) => void;
}

/** Every box at a glance. Box-supplied text is rendered as text, never as HTML. */
export function FleetTable({ boxes, onOpen }: Props) {
  return (
    <div className="table-wrap">
      <table className="table">
        <caption className="sr-only">Boxes in your fleet</caption>
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Host</th>
            <th scope="col">Mail-in-a-Box</th>
            <th scope="col">Tags</th>
          </tr>
        </thead>
        <tbody>
          {boxes.map((box) => (
            <tr key={box.id}>
              <th scope="row">
                <button type="button" className="link-button" onClick={() => onOpen(box.id)}>
                  {box.name}
                </button>
              </th>
              <td>
                <code>
                  <AddressText address={formatAddress(box)} />
                </code>
              </td>
              <td className={box.detected ? undefined : 'muted'}>{formatFlavour(box.detected)}</td>
              <td>
                {box.tags.length === 0 ? (
                  <span className="muted">None</span>
                ) : (
                  <ul className="tags" aria-label={`Tags of ${box.name}`}>
                    {box.tags.map((tag) => (
                      <li key={tag} className="tag">
                        {tag}
                      </li>
                    ))}
                  </ul>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
