import { DEFAULT_SCHEDULE } from '../src-main/health/schedule';

/** The benchmark's options, shared by the run and its report. */
export interface FleetArgs {
  sizes: number[];
  scale: number;
  skipScale: boolean;
  skipAnchors: boolean;
  warmRounds: number;
  concurrency: number;
  rttMs: number;
}

const USAGE =
  'npm run bench -- fleet [--sizes 10,50,100|none] [--skip-scale] [--skip-anchors] [--scale 1000] [--warm-rounds 3] [--concurrency N] [--rtt 50]';

export function parseFleetArgs(argv: readonly string[]): FleetArgs {
  const args: FleetArgs = {
    sizes: [10, 50, 100],
    scale: 1000,
    skipScale: false,
    skipAnchors: false,
    warmRounds: 3,
    concurrency: DEFAULT_SCHEDULE.concurrency,
    rttMs: 50,
  };
  const int = (flag: string, value: string | undefined, min: number, max: number): number => {
    const n = Number(value);
    if (!Number.isInteger(n) || n < min || n > max)
      throw new Error(`${flag} takes a whole number ${min}..${max}\n${USAGE}`);
    return n;
  };
  for (let i = 0; i < argv.length; i += 1) {
    const flag = argv[i];
    const value = (): string | undefined => argv[++i];
    if (flag === '--sizes') {
      const list = value() ?? '';
      args.sizes = list === 'none' ? [] : list.split(',').map((s) => int('--sizes', s, 1, 200));
    } else if (flag === '--scale') args.scale = int('--scale', value(), 1, 5000);
    else if (flag === '--skip-scale') args.skipScale = true;
    else if (flag === '--skip-anchors') args.skipAnchors = true;
    else if (flag === '--warm-rounds') args.warmRounds = int('--warm-rounds', value(), 1, 50);
    else if (flag === '--concurrency') args.concurrency = int('--concurrency', value(), 1, 5000);
    else if (flag === '--rtt') args.rttMs = int('--rtt', value(), 0, 1000);
    else throw new Error(`unknown option ${String(flag)}\n${USAGE}`);
  }
  args.sizes = [...new Set(args.sizes)].sort((a, b) => a - b);
  return args;
}
