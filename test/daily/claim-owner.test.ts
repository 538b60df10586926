import { spawnSync } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { hostname, tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { createClaimOwner, isOwnerDead } from "../../adapters/daily/claim-owner.ts";
import type { DeliveryKey } from "../../adapters/daily/delivery-log.ts";
import { openStore, storePath } from "../../adapters/daily/store.ts";

/** The pid of a process that has ended. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ["-e", "process.stdout.write(String(process.pid))"]);
  return Number(child.stdout.toString());
}

describe("claim owners", () => {
  it("names the host, the PID space, the process and the run", () => {
    const owner = createClaimOwner();
    const [host, , pid] = owner.id.split(":");
    expect(host).toBe(hostname());
    expect(Number(pid)).toBe(process.pid);
    owner.release();
  });

  it("counts a run of this process as dead only once it ended", () => {
    const owner = createClaimOwner();
    expect(isOwnerDead(owner.id)).toBe(false);
    owner.release();
    expect(isOwnerDead(owner.id)).toBe(true);
  });

  it("counts an ended process in the same PID space as dead", () => {
    const [host, space] = createClaimOwner().id.split(":");
    const owner = `${host}:${space}:${deadPid()}:abcd1234`;
    // Outside Linux the PID space is unknown and only staleness frees a claim.
    expect(isOwnerDead(owner)).toBe(space !== "-");
  });

  it("never declares an owner in another PID space or on another host dead", () => {
    const [host, space] = createClaimOwner().id.split(":");
    const pid = deadPid();
    expect(isOwnerDead(`${host}:other-4026532000:${pid}:abcd1234`)).toBe(false);
    expect(isOwnerDead(`elsewhere:${space}:${pid}:abcd1234`)).toBe(false);
    // Owner ids of the old format (host:pid:token) prove nothing either.
    expect(isOwnerDead(`${host}:${pid}:abcd1234`)).toBe(false);
  });

  it("keeps a refreshed claim from going stale", () => {
    const store = openStore(storePath(mkdtempSync(join(tmpdir(), "news-claim-owner-"))));
    try {
      const key: DeliveryKey = { slot: "2025-01-15T07:00:00.000Z", platform: "telegram", recipient: "42" };
      const options = (owner: string, now: number) => ({
        owner,
        now,
        staleMs: 1000,
        isOwnerDead: () => false,
      });
      store.log.claim(key, options("a", 0));
      expect(store.log.touch(key, "a", 900)).toBe(true);
      expect(store.log.claim(key, options("b", 1500))).toEqual({ claimed: false, reason: "busy" });
      expect(store.log.touch(key, "b", 1500)).toBe(false);
      expect(store.log.claim(key, options("b", 1900))).toMatchObject({ claimed: true });
    } finally {
      store.close();
    }
  });
});
