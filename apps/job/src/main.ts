import { createJobServer } from './app/job-server';

const port = Number(process.env['PORT'] ?? 8080);
const host = process.env['HOST'] ?? '127.0.0.1';
const identity = { node: process.env['NODE_ID'] ?? 'local', pod: process.env['POD_NAME'] ?? 'none' };

if (!Number.isInteger(port) || port < 1 || port > 65535) {
  console.error(`PORT must be an integer in 1..65535, got ${process.env['PORT']}`);
  process.exit(2);
}

const server = createJobServer(identity);
server.keepAliveTimeout = 65_000;
server.listen(port, host, () =>
  console.log(`job server ${identity.node} (${identity.pod}) on ${host}:${port}`),
);

// PID 1 in a container and a child of the agent: both stop it with SIGTERM and expect a clean exit.
function shutdown(signal: string): void {
  console.log(`job server ${identity.node}: ${signal}, closing`);
  server.close(() => process.exit(0));
  server.closeIdleConnections();
  setTimeout(() => process.exit(0), 5_000).unref();
}
process.on('SIGTERM', () => shutdown('SIGTERM'));
process.on('SIGINT', () => shutdown('SIGINT'));
