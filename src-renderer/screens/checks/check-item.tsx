import type { StatusItem } from '../../../src-shared/domain/miab';
import { StatusMark, type Tone } from '../fleet-status-mark';
import { collapseWhitespace } from './checks-groups';

const TONE: Record<StatusItem['type'], Tone> = {
  ok: 'ok',
  warning: 'warning',
  error: 'error',
  na: 'unknown',
  heading: 'info',
};

const LABEL: Record<StatusItem['type'], string> = {
  ok: 'OK',
  warning: 'Warning',
  error: 'Error',
  na: 'Not applicable',
  heading: 'Heading',
};

/** One check as the box wrote it, rendered as text; extra lines in monospace where the box says so. */
export function CheckItem({ item }: { item: StatusItem }) {
  return (
    <li className={`check-item check-${item.type}`}>
      <span className="check-type">
        <StatusMark tone={TONE[item.type]}>{LABEL[item.type]}</StatusMark>
      </span>
      <div className="check-body">
        <p className="check-text">{collapseWhitespace(item.text)}</p>
        {item.extra.map((line, index) =>
          line.monospace ? (
            <pre key={index} className="check-extra check-mono">
              {line.text}
            </pre>
          ) : (
            <p key={index} className="check-extra">
              {collapseWhitespace(line.text)}
            </p>
          ),
        )}
      </div>
    </li>
  );
}
