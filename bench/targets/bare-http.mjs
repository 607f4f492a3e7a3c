// The floor of any Node server's start-up: a plain node:http server that prints its URL and
// answers. Plain JavaScript, so nothing is compiled; the start-up bench measures it in the same
// run as `serve`, and on a shared machine only that ratio means much.
import http from 'node:http';

const server = http.createServer((_req, res) => res.end('{}'));
server.listen(0, '127.0.0.1', () => console.log(`http://127.0.0.1:${server.address().port}`));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
