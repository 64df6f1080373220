import net from 'node:net';

// A port that was free a moment ago on 127.0.0.1. Services that can report the
// port they bound (the demo upstream) use port 0 instead.
export function freePort() {
  return new Promise((resolve, reject) => {
    const server = net.createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolve(port));
    });
  });
}

export function waitForPortClosed(port, timeoutMs = 5000) {
  const deadline = Date.now() + timeoutMs;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = net.connect(port, '127.0.0.1');
      socket.once('connect', () => {
        socket.destroy();
        if (Date.now() > deadline) reject(new Error(`port ${port} still accepts connections`));
        else setTimeout(attempt, 50);
      });
      socket.once('error', () => resolve());
    };
    attempt();
  });
}
