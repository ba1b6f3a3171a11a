'use strict';
const net = require('net');

// Ports handed out by this process recently: the OS may return the same
// ephemeral port to two back-to-back listen(0) calls once the first closed,
// which would make two stacks started in parallel collide.
const handedOut = new Set();

function listenOnce() {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

async function freePort() {
  for (let i = 0; i < 20; i++) {
    const port = await listenOnce();
    if (!handedOut.has(port)) {
      handedOut.add(port);
      return port;
    }
  }
  throw new Error('freePort: could not find an unused port');
}

// Resolves true when something accepts a TCP connection on 127.0.0.1:port.
function canConnect(port, host = '127.0.0.1', timeoutMs = 1000) {
  return new Promise((resolve) => {
    const sock = net.connect({ port, host });
    const done = (ok) => {
      sock.destroy();
      resolve(ok);
    };
    sock.setTimeout(timeoutMs, () => done(false));
    sock.once('connect', () => done(true));
    sock.once('error', () => done(false));
  });
}

module.exports = { freePort, canConnect };
