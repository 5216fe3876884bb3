// Loaded (NODE_OPTIONS=--require) by `npm run test:mutation` only. @stryker-mutator/mocha-runner 9 (the last for Node 20)
// requires mocha's lib/cli/run-helpers and lib/cli/options without an extension, and mocha 12 names them .cjs: letting
// require() try .cjs as it tries .js makes them found. Nothing else changes.
const Module = require('node:module');
if (!('.cjs' in Module._extensions)) Module._extensions['.cjs'] = Module._extensions['.js'];
