import type { Registry } from "prom-client";
import type { HttpRoute } from "./http-server.ts";
import type { Readiness } from "./readiness.ts";

/** Options for {@link operationsRoutes}. */
export interface OperationsRoutesOptions {
  readiness: Readiness;
  /** The Prometheus registry served at /metrics. */
  registry: Registry;
}

/**
 * /readyz (200 when every readiness check passes and shutdown has not begun, else 503, with each check's state)
 * and /metrics (Prometheus text format) for the shared HTTP server; /healthz (alive) is the server's own.
 */
export function operationsRoutes(options: OperationsRoutesOptions): HttpRoute[] {
  return [
    {
      path: "/readyz",
      async handler(_request, response) {
        const report = await options.readiness.report();
        const status = report.draining ? "draining" : report.ready ? "ok" : "unavailable";
        response.writeHead(report.ready ? 200 : 503, {
          "content-type": "application/json",
          "cache-control": "no-store",
        });
        response.end(JSON.stringify({ status, checks: report.checks }));
      },
    },
    {
      path: "/metrics",
      async handler(_request, response) {
        const body = await options.registry.metrics();
        response.writeHead(200, {
          "content-type": options.registry.contentType,
          "cache-control": "no-store",
        });
        response.end(body);
      },
    },
  ];
}
