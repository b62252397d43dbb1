#!/usr/bin/env node
// The `vipdesk` command. TypeScript runs through tsx so a checkout needs no build step.
import { register } from 'tsx/esm/api';

register();
await import('../src/cli/main.ts');
