import type { IncomingMessage, ServerResponse } from "node:http";

/** A request body past this size is refused; Slack's and Telegram's requests are a few kilobytes. */
export const MAX_BODY_BYTES = 1024 * 1024;

/** A body longer than the cap; the caller answers 413. */
export class BodyTooLargeError extends Error {
  constructor(readonly limitBytes: number) {
    super(`The request body is larger than ${limitBytes} bytes`);
    this.name = "BodyTooLargeError";
  }
}

/**
 * Reads a request's body into memory, never more than `limitBytes`: a Content-Length above the cap is refused
 * before a byte is read, and a body that streams past it stops being read at the cap. Rejects with
 * {@link BodyTooLargeError} then, or with the stream's error when the client goes away.
 */
export function readBody(request: IncomingMessage, limitBytes = MAX_BODY_BYTES): Promise<Buffer> {
  const declared = Number(request.headers["content-length"]);
  if (Number.isFinite(declared) && declared > limitBytes)
    return Promise.reject(new BodyTooLargeError(limitBytes));
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let length = 0;
    const onData = (chunk: Buffer) => {
      length += chunk.length;
      if (length > limitBytes) {
        cleanup();
        chunks.length = 0;
        // Stop reading; the caller's 413 closes the connection, so the rest is never buffered.
        request.pause();
        reject(new BodyTooLargeError(limitBytes));
        return;
      }
      chunks.push(chunk);
    };
    const onEnd = () => {
      cleanup();
      resolve(Buffer.concat(chunks, length));
    };
    const onError = (error: Error) => {
      cleanup();
      reject(error);
    };
    const cleanup = () => {
      request.off("data", onData);
      request.off("end", onEnd);
      request.off("error", onError);
    };
    request.on("data", onData);
    request.on("end", onEnd);
    request.on("error", onError);
  });
}

/** Answers a request without a body of its own: the status, a short text, and `connection: close` on refusals. */
export function answerPlain(response: ServerResponse, status: number, text = ""): void {
  if (response.headersSent) {
    response.end();
    return;
  }
  const headers: Record<string, string> = { "content-type": "text/plain; charset=utf-8" };
  // A refused upload may still be streaming in; closing the connection stops it without reading the rest.
  if (status === 413) headers.connection = "close";
  response.writeHead(status, headers).end(text);
}
