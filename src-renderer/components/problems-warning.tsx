import { useApp } from '../stores/stores-context';

/** Files main moved aside at start-up. Shown until dismissed, never silently: the user may want them back. */
export function ProblemsWarning() {
  const problems = useApp((state) => state.info?.problems);
  const dismissed = useApp((state) => state.problemsDismissed);
  const dismiss = useApp((state) => state.dismissProblems);
  if (dismissed || !problems || problems.length === 0) return null;
  return (
    <section className="banner banner-warning" aria-labelledby="problems-title">
      <h2 id="problems-title" className="banner-title">
        {problems.length === 1 ? 'A file' : `${problems.length} files`} in Boxfleet’s data directory could not be read
      </h2>
      <p>
        Boxfleet kept {problems.length === 1 ? 'it' : 'them'} aside instead of overwriting anything. Restore from a
        backup if you need what {problems.length === 1 ? 'it' : 'they'} held; otherwise Boxfleet carries on with fresh
        files.
      </p>
      <ul className="problem-list">
        {problems.map((problem) => (
          <li key={problem.file}>
            <code>{problem.file}</code>: {problem.message}
            {problem.movedTo ? (
              <span className="problem-moved">
                Moved to <code>{problem.movedTo}</code>
              </span>
            ) : null}
          </li>
        ))}
      </ul>
      <div className="banner-actions">
        <button type="button" className="button" onClick={dismiss}>
          Dismiss
        </button>
      </div>
    </section>
  );
}
