// Preload (`node --require bench/loopback-only.cjs ...`) for servers that take no host option,
// such as Portkey's gateway (it listens on every interface): a listen() without a host binds
// 127.0.0.1 instead, so a benchmark never opens a port beyond loopback.
const net = require('node:net');

const listen = net.Server.prototype.listen;
net.Server.prototype.listen = function (...args) {
  const first = args[0];
  if (typeof first === 'object' && first !== null && !Array.isArray(first)) {
    if (first.path === undefined && !first.host) args[0] = { ...first, host: '127.0.0.1' };
  } else if (typeof first === 'number' || (typeof first === 'string' && /^\d+$/.test(first))) {
    if (args.length < 2 || typeof args[1] === 'function') args.splice(1, 0, '127.0.0.1');
    else if (args[1] === undefined || args[1] === null || args[1] === '' || args[1] === '0.0.0.0' || args[1] === '::') args[1] = '127.0.0.1';
  }
  return listen.apply(this, args);
};
