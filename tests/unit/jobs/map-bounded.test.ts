import { mapBounded } from '../../../src-main/jobs/map-bounded';

test('mapBounded keeps the order asked and never has more than the limit in flight', async () => {
  let inFlight = 0;
  let most = 0;
  const gates: Array<() => void> = [];
  const running = mapBounded([1, 2, 3, 4, 5, 6, 7], 3, async (n) => {
    inFlight += 1;
    most = Math.max(most, inFlight);
    await new Promise<void>((resolve) => gates.push(resolve));
    inFlight -= 1;
    return n * 10;
  });
  // Release the work out of order, one at a time, until all of it has run.
  for (let released = 0; released < 7; released += 1) {
    await new Promise((resolve) => setImmediate(resolve));
    gates.splice(gates.length - 1, 1)[0]?.();
  }
  expect(await running).toEqual([10, 20, 30, 40, 50, 60, 70]);
  expect(most).toBe(3);
});
