#!/usr/bin/env node
'use strict';
// The CLI entry: `npx boxfleet ...`. The compiled code comes from `npm run build` (run by `prepare` on install).
const path = require('node:path');
const fs = require('node:fs');

const entry = path.join(__dirname, '..', 'build', 'main', 'src-main', 'cli', 'main.js');
if (!fs.existsSync(entry)) {
  process.stderr.write(
    'boxfleet: the app is not built yet. Run `npm run build` (or `npm ci`) in ' + path.dirname(__dirname) + '\n',
  );
  process.exit(1);
}
require(entry)
  .main(process.argv.slice(2))
  .then((code) => {
    process.exitCode = code;
  });
