#!/usr/bin/env node
// Runs the fault-injection suite (main.ts) without a build step (tools/run-ts.mjs).
// Usage: npm run test:faults -- --help
import { runToolMain } from '../run-ts.mjs';

await runToolMain(import.meta.url);
