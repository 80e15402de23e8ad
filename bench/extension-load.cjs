// Measures how long Node takes to load dist/extension.js (read, compile, run its top level): the
// part of activation that happens before `activate()` runs, which the extension's own
// "Activated in X ms" log line does not include. VS Code's API is a stub here (any property, call
// or `new` gives the stub back); `activate` is not called, since without VS Code it means nothing.
// Run in a fresh process each time:  node bench/extension-load.cjs [path]  → prints {"loadMs": N}
const Module = require('node:module');
const path = require('node:path');

const stub = new Proxy(function vscodeStub() {}, {
  get: (_t, key) => (key === 'prototype' ? {} : key === Symbol.toPrimitive ? () => '' : stub),
  apply: () => stub,
  construct: () => stub,
});
const load = Module._load;
Module._load = function (request, ...rest) {
  return request === 'vscode' ? stub : load.call(this, request, ...rest);
};

const file = path.resolve(process.argv[2] || path.join(__dirname, '..', 'dist', 'extension.js'));
const t0 = performance.now();
const ext = require(file);
const loadMs = performance.now() - t0;
console.log(JSON.stringify({ loadMs, exportsActivate: typeof ext.activate === 'function' }));
