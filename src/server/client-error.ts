// Requests that node's HTTP layer refuses before Express sees them (an unknown method, a
// malformed request line or header, headers over node's 16 KB limit, Content-Length with
// Transfer-Encoding, a body cut short; CONNECT, which node hands over as a raw tunnel) are
// answered with the contract's envelope too, not with node's bare "400 Bad Request" without a
// body or a request id, or a closed connection.
import type { Duplex } from 'node:stream';
import { errorEnvelope } from '../wire/envelope.ts';
import { ApiError, BAD_REQUEST } from '../wire/errors.ts';
import { nextRequestId, REQUEST_ID_HEADER } from '../wire/request-id.ts';

function messageFor(code: string | undefined): string {
  switch (code) {
    case 'HPE_HEADER_OVERFLOW':
      return 'The request headers are larger than 16 KB.';
    case 'ERR_HTTP_REQUEST_TIMEOUT':
      return 'The request did not arrive in time.';
    case 'HPE_INVALID_EOF_STATE':
      return 'The request ended before its body did.';
    default:
      return 'The request is not valid HTTP/1.1.';
  }
}

/**
 * Every refusal is a 400 bad_request: the contract's codes have no 431 or 408, and a request that
 * cannot be parsed has no route to answer 404 or 405 for. Nothing is written when an answer to an
 * earlier request on the same connection has begun (as node itself does), or when the peer is gone.
 */
export function answerClientError(error: Error & { code?: string }, socket: Duplex): void {
  const inFlight = (socket as Duplex & { _httpMessage?: { headersSent?: boolean } })._httpMessage;
  if (error.code === 'ECONNRESET' || !socket.writable || inFlight?.headersSent) {
    socket.destroy();
    return;
  }
  writeBadRequest(socket, messageFor(error.code));
}

/** CONNECT asks for a tunnel, which this API does not offer. */
export function answerConnect(_req: unknown, socket: Duplex): void {
  if (!socket.writable) {
    socket.destroy();
    return;
  }
  writeBadRequest(socket, 'CONNECT is not a method of this API.');
}

/**
 * Writes the answer and closes our side. The socket is no longer read by node's HTTP layer, so it
 * is drained here (a client still sending a body must not keep it open, or server.close() would
 * wait for it), and an error on it (the client resetting) only ends it.
 */
function writeBadRequest(socket: Duplex, message: string): void {
  socket.on('error', () => socket.destroy());
  socket.resume();
  const requestId = nextRequestId();
  const body = JSON.stringify(errorEnvelope(new ApiError(BAD_REQUEST, { message }), requestId));
  socket.end(
    [
      'HTTP/1.1 400 Bad Request',
      `${REQUEST_ID_HEADER}: ${requestId}`,
      'Content-Type: application/json; charset=utf-8',
      `Content-Length: ${Buffer.byteLength(body)}`,
      'Connection: close',
      '',
      body,
    ].join('\r\n'),
  );
}
