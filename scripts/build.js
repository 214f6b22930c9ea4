// `npm run build` (and `npm ci`, through "prepare"): compiles lib/ to dist/ and copies beside it the
// files the code reads at run time from its own folder (the review page). The rules/ folder is not
// copied: it is the council's to edit, and the code finds it at the project root from either place.
import { execFileSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const tsc = createRequire(import.meta.url).resolve('typescript/bin/tsc');

// A module removed from lib/ must not linger in dist/.
rmSync(`${root}dist`, { recursive: true, force: true });
execFileSync(process.execPath, [tsc, '-p', `${root}tsconfig.build.json`], { stdio: 'inherit' });
cpSync(`${root}lib/review/review-page`, `${root}dist/review/review-page`, { recursive: true });
