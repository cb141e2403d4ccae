/**
 * A test bed started once before a file's tests and stopped after them (even when starting it failed half way:
 * `stop` runs on whatever did start). The returned function gives the bed inside a test or hook; called before
 * `beforeAll` has run it throws, rather than handing out an undefined bed.
 */
export function suiteBed<B extends { stop(): Promise<void> }>(start: () => Promise<B>): () => B {
  let bed: B | undefined;
  beforeAll(async () => {
    bed = await start();
  });
  afterAll(async () => {
    await bed?.stop();
  });
  return () => {
    if (bed === undefined) throw new Error('the test bed is not started: use it inside a test or hook');
    return bed;
  };
}
