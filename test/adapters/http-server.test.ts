import { describe, expect, it } from "vitest";
import { startHttpServer } from "../../adapters/http/http-server.ts";
import { createLogger } from "../../adapters/logger.ts";

const logger = createLogger({ write: () => {} });

describe("shared HTTP server", () => {
  it("answers /healthz by the health check, routes by exact path, and 404s the rest", async () => {
    let healthy = true;
    const server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      logger,
      isHealthy: () => healthy,
      routes: [{ path: "/hook", handler: (_request, response) => void response.end("hooked") }],
    });
    try {
      const base = `http://127.0.0.1:${server.port}`;
      expect((await fetch(`${base}/healthz`)).status).toBe(200);
      healthy = false;
      expect((await fetch(`${base}/healthz`)).status).toBe(503);
      expect(await (await fetch(`${base}/hook?x=1`)).text()).toBe("hooked");
      expect((await fetch(`${base}/hook/more`)).status).toBe(404);
    } finally {
      await server.stop();
    }
  });

  it("answers 500 when a handler throws, and keeps serving", async () => {
    const server = await startHttpServer({
      port: 0,
      host: "127.0.0.1",
      logger,
      isHealthy: () => true,
      routes: [
        {
          path: "/boom",
          handler: () => {
            throw new Error("boom");
          },
        },
      ],
    });
    try {
      expect((await fetch(`http://127.0.0.1:${server.port}/boom`)).status).toBe(500);
      expect((await fetch(`http://127.0.0.1:${server.port}/healthz`)).status).toBe(200);
    } finally {
      await server.stop();
    }
  });

  it("refuses two handlers for one path, or one for /healthz", async () => {
    const handler = () => {};
    await expect(
      startHttpServer({ port: 0, logger, isHealthy: () => true, routes: [{ path: "/healthz", handler }] }),
    ).rejects.toThrow(/\/healthz/);
    await expect(
      startHttpServer({
        port: 0,
        logger,
        isHealthy: () => true,
        routes: [
          { path: "/a", handler },
          { path: "/a", handler },
        ],
      }),
    ).rejects.toThrow(/Two handlers/);
  });
});
