#!/usr/bin/env node
// Runs the benches (main.ts) without a build step (tools/run-ts.mjs).
// Usage: npm run bench -- --help
import { runToolMain } from '../run-ts.mjs';

await runToolMain(import.meta.url);
