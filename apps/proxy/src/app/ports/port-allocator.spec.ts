import { createServer, type Server } from 'node:net';
import { isPortFree, PortAllocator } from './port-allocator';

describe('PortAllocator', () => {
  it('skips ports the runtime reports in use and hands each port out once', async () => {
    const allocator = new PortAllocator({ first: 30000, last: 30003 }, async () => true);
    expect(await allocator.allocate([30000])).toBe(30001);
    expect(await allocator.allocate([30000])).toBe(30002);
    expect(await allocator.allocate([30000])).toBe(30003);
    await expect(allocator.allocate([30000])).rejects.toThrow('no free port left in 30000-30003');
  });

  it('gives a released port out again', async () => {
    const allocator = new PortAllocator({ first: 30000, last: 30000 }, async () => true);
    const port = await allocator.allocate([]);
    allocator.release(port);
    expect(await allocator.allocate([])).toBe(port);
  });

  it('never returns the same port to concurrent callers', async () => {
    const allocator = new PortAllocator({ first: 31000, last: 31009 }, async () => true);
    const ports = await Promise.all(Array.from({ length: 10 }, () => allocator.allocate([])));
    expect(new Set(ports).size).toBe(10);
  });

  it('sees a port taken by another process on the host', async () => {
    const server: Server = createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as { port: number };
    expect(await isPortFree(port)).toBe(false);
    await new Promise((resolve) => server.close(resolve));
    expect(await isPortFree(port)).toBe(true);
  });
});
