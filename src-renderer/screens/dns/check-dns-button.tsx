import { FLEET_RUN } from '../../stores/dns-check-store';
import { useDnsCheck, useFleet, useNavigation } from '../../stores/stores-context';

/** The fleet's entry to the outside check: opens DNS across the fleet and starts checking every box at once. */
export function CheckDnsButton() {
  const boxes = useFleet((s) => s.boxes);
  const start = useDnsCheck((s) => s.start);
  const showDnsFleet = useNavigation((s) => s.showDnsFleet);
  return (
    <button
      type="button"
      className="button"
      onClick={() => {
        showDnsFleet();
        void start(
          FLEET_RUN,
          boxes.map((box) => box.id),
        );
      }}
    >
      Check DNS of every box
    </button>
  );
}
