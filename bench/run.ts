/** `npm run bench -- <name>`: runs one benchmark by name. */
import { runApiCalls } from './api-calls';
import { runDnsCheck } from './dns-check';
import { runFleet } from './fleet';
import { runUsersList } from './users-list';

const benches: Record<string, () => Promise<void>> = {
  'api-calls': runApiCalls,
  'dns-check': runDnsCheck,
  fleet: () => runFleet(process.argv.slice(3)),
  'users-list': () => runUsersList(process.argv.slice(3)),
};

async function main(): Promise<void> {
  const name = process.argv[2];
  const bench = name === undefined ? undefined : benches[name];
  if (!bench) {
    console.error(`usage: npm run bench -- <name>\nbenchmarks: ${Object.keys(benches).join(', ')}`);
    process.exitCode = 2;
    return;
  }
  await bench();
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});
