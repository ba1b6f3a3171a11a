import type { ISocketFactory } from 'kafkajs';
import * as net from 'node:net';

/**
 * A kafkajs socket factory whose connections a test can cut, to make the real
 * broker unreachable for one client only (the shared broker keeps serving the
 * other apps and test files). While cut, new connections fail at once.
 */
export function cuttableNetwork() {
  const sockets = new Set<net.Socket>();
  let isCut = false;
  const socketFactory: ISocketFactory = ({ host, port, onConnect }) => {
    if (isCut) {
      const socket = new net.Socket();
      process.nextTick(() => socket.destroy(new Error('network cut by the test')));
      return socket;
    }
    const socket = net.connect({ host, port }, onConnect);
    socket.setKeepAlive(true, 60_000);
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
    return socket;
  };
  return {
    socketFactory,
    cut(): void {
      isCut = true;
      for (const socket of sockets) socket.destroy(new Error('network cut by the test'));
    },
    restore(): void {
      isCut = false;
    },
  };
}
