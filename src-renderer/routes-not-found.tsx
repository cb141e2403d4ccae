import { useNavigation } from './stores/stores-context';

/** What a URL no screen answers to shows: an old or mistyped link, or a section that is not available yet. */
export function NoSuchScreen() {
  const showFleet = useNavigation((state) => state.showFleet);
  return (
    <>
      <header className="screen-header">
        <h1 id="screen-title">No such screen</h1>
      </header>
      <p>
        Boxfleet has no screen at this address. It may be a section that is not available yet.{' '}
        <button type="button" className="link-button" onClick={showFleet}>
          Go to the fleet
        </button>
      </p>
    </>
  );
}
