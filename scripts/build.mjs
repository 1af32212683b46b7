#!/usr/bin/env node
// `npm run build`: the production server in .next/standalone (see scripts/lib/build.mjs); always
// builds. Start it with `npm start` (node .next/standalone/start.mjs).
import { buildConsole } from './lib/build.mjs';

process.exit(await buildConsole({ force: true }));
