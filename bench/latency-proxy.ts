// A proxy in the bench's own process that adds a fixed delay to every answer: the reference
// server as a target across a network (or behind a real database write) looks to verify.
import http from 'node:http';

export interface LatencyProxy {
  url: string;
  close(): Promise<void>;
}

export function startLatencyProxy(upstream: string, delayMs: number): Promise<LatencyProxy> {
  const target = new URL(upstream);
  const agent = new http.Agent({ keepAlive: true, maxSockets: 128 });
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const send = (again: boolean) => {
        const forward = http.request(
          {
            host: target.hostname,
            port: target.port,
            method: req.method,
            path: req.url,
            headers: { ...req.headers, host: target.host },
            agent,
          },
          (answer) => {
            const body: Buffer[] = [];
            answer.on('data', (chunk: Buffer) => body.push(chunk));
            answer.on('end', () =>
              setTimeout(() => {
                res.writeHead(answer.statusCode ?? 502, answer.headers);
                res.end(Buffer.concat(body));
              }, delayMs),
            );
          },
        );
        forward.on('error', (error) => {
          // The upstream closed an idle kept-alive socket as this request took it: send it once
          // more on a fresh one (Node's documented race), so the proxy adds latency, not errors.
          if (again && forward.reusedSocket) return send(false);
          res.writeHead(502, { 'content-type': 'text/plain' });
          res.end(`latency proxy: ${error.message}`);
        });
        forward.end(Buffer.concat(chunks));
      };
      send(true);
    });
  });
  // Longer than any pause of verify's, so the proxy never closes a socket the kit is about to reuse.
  server.keepAliveTimeout = 60_000;
  return new Promise((resolve) => {
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as { port: number };
      resolve({
        url: `http://127.0.0.1:${port}`,
        close: () =>
          new Promise<void>((done) => {
            agent.destroy();
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}
