#!/usr/bin/env node
// The `framescope` command: runs the TypeScript CLI through tsx (a dependency), so no build step is needed.
import { register } from 'tsx/esm/api';

register();
const { cli } = await import('../electron/cli/main.ts');
process.exit(await cli(process.argv.slice(2)));
