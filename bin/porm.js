#!/usr/bin/env node
// The porm command. porm ships as TypeScript and runs it through tsx's loader,
// so there is no build step between a clone and a running server.
import { register } from 'tsx/esm/api';

register();
const { runCli } = await import('../src/cli/main.ts');
await runCli(process.argv);
