// Baseline (a): the least an Express 5 JSON endpoint can cost on this machine.
import express from 'express';

const app = express();
app.get('/hello', (_req, res) => {
  res.json({ hello: 'world' });
});
const server = app.listen(0, '127.0.0.1', () => {
  const address = server.address() as { port: number };
  console.log(`READY ${JSON.stringify({ url: `http://127.0.0.1:${address.port}`, path: '/hello' })}`);
});
process.on('SIGTERM', () => server.close(() => process.exit(0)));
