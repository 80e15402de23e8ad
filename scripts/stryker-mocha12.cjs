// Preloaded by `npm run test:mutation` (Stryker and its test-runner workers): @stryker-mutator/mocha-runner 9.x,
// the last line that runs on Node 20, requires mocha's `lib/cli/run-helpers` without an extension, and
// mocha 12 ships those files as `.cjs`. Letting require() resolve `.cjs` like `.js` is all it needs.
// Remove with the move to Node 22 and @stryker-mutator/mocha-runner 10 (mocha < 13).
const Module = require('node:module');
const extensions = Module._extensions;
if (!extensions['.cjs']) extensions['.cjs'] = extensions['.js'];
