/** A local stand-in for DingTalk's Stream gateway: connections/open over HTTP and the WebSocket, on 127.0.0.1. */
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';

export interface GatewayConnection {
  ws: WebSocket;
  ticket: string | null;
  received: unknown[];
}

export interface FakeGateway {
  baseUrl: string;
  /** Bodies of every POST /v1.0/gateway/connections/open, in order. */
  opens: Array<Record<string, unknown>>;
  connections: GatewayConnection[];
  close(): Promise<void>;
}

export async function startFakeGateway(onConnection: (conn: GatewayConnection) => void): Promise<FakeGateway> {
  const opens: Array<Record<string, unknown>> = [];
  const connections: GatewayConnection[] = [];
  let port = 0;
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      if (req.method !== 'POST' || req.url !== '/v1.0/gateway/connections/open') {
        res.writeHead(404).end();
        return;
      }
      opens.push(JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>);
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(JSON.stringify({ endpoint: `ws://127.0.0.1:${port}/connect`, ticket: `ticket-${opens.length}` }));
    });
  });
  const wss = new WebSocketServer({ server, path: '/connect' });
  wss.on('connection', (ws, req) => {
    const conn: GatewayConnection = { ws, ticket: new URL(req.url ?? '/', 'http://x').searchParams.get('ticket'), received: [] };
    ws.on('message', (data) => conn.received.push(JSON.parse(data.toString())));
    connections.push(conn);
    onConnection(conn);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    opens,
    connections,
    close: async () => {
      for (const client of wss.clients) client.terminate();
      await new Promise<void>((resolve) => wss.close(() => resolve()));
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export async function waitFor(condition: () => boolean, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await sleep(10);
  }
}
