/** Entry point of `npm run demo` (see run-demo.ts). */
import { demoMain } from './run-demo';

void demoMain(process.argv.slice(2));
