import net from 'node:net';

/**
 * A loopback TCP proxy in front of a server that can be frozen: while frozen it still accepts
 * connections and takes what clients send, but forwards nothing either way, so requests hang
 * unanswered (a silent server, not a refusing one). Unfrozen, it forwards again, first what it held.
 * A connection the client closes meanwhile is dropped with what it held: an aborted request never
 * reaches the server.
 */
export class FreezingProxy {
  /** Requests (client chunks) that arrived while frozen. */
  held = 0;
  private frozen = false;
  private readonly flushes = new Set<() => void>();
  private readonly sockets = new Set<net.Socket>();

  private constructor(private readonly server: net.Server, readonly url: string) {}

  /** Proxies to `target` (an http://host:port/ URL); `url` is the same URL with the proxy's port. */
  static async start(target: string): Promise<FreezingProxy> {
    const to = new URL(target);
    const server = net.createServer();
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = new URL(target);
    url.hostname = '127.0.0.1';
    url.port = String((server.address() as net.AddressInfo).port);
    const proxy = new FreezingProxy(server, url.href);
    server.on('connection', (client) => proxy.pair(client, net.connect(Number(to.port), to.hostname)));
    return proxy;
  }

  freeze(): void {
    this.frozen = true;
  }

  unfreeze(): void {
    this.frozen = false;
    for (const flush of this.flushes) flush();
  }

  async close(): Promise<void> {
    for (const s of this.sockets) s.destroy();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  private pair(client: net.Socket, upstream: net.Socket): void {
    const held: Array<[net.Socket, Buffer]> = [];
    const flush = () => {
      for (const [to, chunk] of held.splice(0)) to.write(chunk);
    };
    const forward = (from: net.Socket, to: net.Socket, counts: boolean) =>
      from.on('data', (chunk: Buffer) => {
        if (!this.frozen) return void to.write(chunk);
        if (counts) this.held++;
        held.push([to, chunk]);
      });
    forward(client, upstream, true);
    forward(upstream, client, false);
    const end = () => {
      this.flushes.delete(flush);
      for (const s of [client, upstream]) {
        this.sockets.delete(s);
        s.destroy();
      }
    };
    for (const s of [client, upstream]) {
      this.sockets.add(s);
      s.on('close', end).on('error', end);
    }
    this.flushes.add(flush);
  }
}
