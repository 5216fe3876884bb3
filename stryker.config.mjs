// @ts-check
import { readdirSync } from 'node:fs';

/**
 * Mutation testing with StrykerJS: `npm run test:mutation` (slow; not part of npm test or CI).
 * Mutates the webhook, HTTP, server, config and message-log code; mutants are killed by the mocha tests that run in-process
 * (a test that only talks to a child `faqbot serve` cannot see a mutant, so it never kills one).
 * --incremental (in the script) reuses the results of unchanged code and tests from reports/stryker-incremental.json.
 * Reports: reports/mutation/index.html and mutation.json (git-ignored).
*/

/**
 * The test folders whose tests may kill mutants; MUTATION_TESTS (comma-separated folders) narrows them while working on one
 * folder, e.g. MUTATION_TESTS=test/config npm run test:mutation -- --mutate "src/config/*.ts". It matters for mutants in
 * module-level code (a zod schema, a constant), which Stryker cannot map to single tests and so runs every test against.
 */
const testFolders = (process.env.MUTATION_TESTS ?? 'test/channels,test/http,test/server,test/config,test/store').split(',').map((folder) => folder.trim().replace(/\/+$/, ''));
/** Seeded fuzzing of the whole webhook: 15 s per run, and it asserts only "no 5xx", which the other tests check mutant by mutant. */
const SLOW_AND_BROAD = ['test/http/fuzz.test.ts'];
const testFiles = testFolders
  .flatMap((folder) => readdirSync(folder, { recursive: true }).map((name) => `${folder}/${name}`))
  .filter((file) => file.endsWith('.test.ts') && !SLOW_AND_BROAD.includes(file))
  .sort();

/** @type {import("@stryker-mutator/api/core").PartialStrykerOptions} */
export default {
  "packageManager": "npm",
  "testRunner": "mocha",
  "mochaOptions": {
    "config": ".mocharc.json",
    spec: testFiles,
  },
  "checkers": [
    "typescript"
  ],
  "tsconfigFile": "tsconfig.json",
  "typescriptChecker": {
    "prioritizePerformanceOverAccuracy": true
  },
  "mutate": [
    "src/channels/**/*.ts",
    "src/http/**/*.ts",
    "src/server/**/*.ts",
    "src/config/**/*.ts",
    "src/store/**/*.ts"
  ],
  "coverageAnalysis": "perTest",
  "concurrency": 2,
  "timeoutMS": 10000,
  "incrementalFile": "reports/stryker-incremental.json",
  "reporters": [
    "clear-text",
    "progress",
    "html",
    "json"
  ],
  "htmlReporter": {
    "fileName": "reports/mutation/index.html"
  },
  "jsonReporter": {
    "fileName": "reports/mutation/mutation.json"
  },
  "clearTextReporter": {
    "allowColor": false,
    "reportMutants": false
  },
  "tempDirName": ".stryker-tmp",
  "ignorePatterns": [
    "dist",
    "data",
    "reports",
    "coverage"
  ],
  "cleanTempDir": "always"
};
