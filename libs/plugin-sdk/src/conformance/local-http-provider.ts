import { IncomingMessage, Server, ServerResponse, createServer } from 'node:http';
import { AddressInfo } from 'node:net';

function listen(server: Server): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve((server.address() as AddressInfo).port));
  });
}

/**
 * The plumbing of a provider fake that speaks HTTP: a node:http server on a free local port, a
 * second port that was free and is closed again (for "connection refused"), responses held open
 * for the 'hang' scenario, and a stop that releases all of it.
 */
export class LocalHttpProvider {
  private readonly held = new Set<ServerResponse>();
  private server?: Server;
  private port = 0;
  private closedPort = 0;

  constructor(private readonly handle: (request: IncomingMessage, response: ServerResponse) => void | Promise<void>) {}

  async start(): Promise<void> {
    this.server = createServer((request, response) => void this.handle(request, response));
    this.port = await listen(this.server);
    const probe = createServer();
    this.closedPort = await listen(probe);
    await new Promise<void>((resolve) => probe.close(() => resolve()));
  }

  /** Base URL of the running fake, e.g. http://127.0.0.1:40123 */
  get url(): string {
    return `http://127.0.0.1:${this.port}`;
  }

  /** Base URL of a local port nobody listens on. */
  get unreachableUrl(): string {
    return `http://127.0.0.1:${this.closedPort}`;
  }

  /** Never answers this request (until stop). */
  hold(response: ServerResponse): void {
    this.held.add(response);
  }

  async stop(): Promise<void> {
    for (const response of this.held) response.destroy();
    this.held.clear();
    const server = this.server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}
