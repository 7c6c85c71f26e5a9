#!/usr/bin/env node
// Replays the seed year through the gateway (main.ts) without a build step (tools/run-ts.mjs).
// Usage: npm run demo -- --help
import { runToolMain } from '../run-ts.mjs';

await runToolMain(import.meta.url);
