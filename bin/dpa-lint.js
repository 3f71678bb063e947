#!/usr/bin/env node
'use strict';
// The CLI runs from the bundle built by `npm run build` (dist/cli.js).
const path = require('node:path');
const fs = require('node:fs');
const bundle = path.join(__dirname, '..', 'dist', 'cli.js');
if (!fs.existsSync(bundle)) {
	process.stderr.write('dpa-lint: dist/cli.js is missing; run "npm run build" first\n');
	process.exit(2);
}
// V8's settings for a batch run, before any draft is read (loading dist/cli.js analyses nothing).
const cli = require(bundle);
cli.tuneEngine();
cli.main(process.argv.slice(2)).then(code => { process.exitCode = code; });
