import { randomUUID } from "node:crypto";
import { readFileSync, readlinkSync } from "node:fs";
import { hostname } from "node:os";

/** Runs of this process that are still going, by their token; a claim of any other token of ours is abandoned. */
const liveTokens = new Set<string>();

/** A delivery run's identity in the delivery log: machine, PID namespace, process id and a token unique to the run. */
export interface ClaimOwner {
  id: string;
  /** Ends the run; its claims then count as abandoned. */
  release(): void;
}

/**
 * Where process ids mean the same process: the machine's boot (containers share the kernel's boot id; two
 * machines never do) and the PID namespace (containers on one host with the same hostname have different ones).
 * Empty when the system does not tell (not Linux); then no other process's claim is ever declared dead.
 */
const PID_SPACE = pidSpace();

/** Creates the owner id of one delivery run. */
export function createClaimOwner(): ClaimOwner {
  const token = randomUUID().slice(0, 8);
  liveTokens.add(token);
  return {
    id: `${hostname()}:${PID_SPACE || "-"}:${process.pid}:${token}`,
    release: () => liveTokens.delete(token),
  };
}

/**
 * Tells whether a claim's owner is certainly gone: a process that no longer exists in this PID namespace of
 * this boot, or an ended run of this process. Owners elsewhere are never declared dead here; their claims go stale.
 */
export function isOwnerDead(owner: string): boolean {
  const [host, space, pidText, token] = owner.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || token === undefined) return false;
  if (space !== (PID_SPACE || "-")) return false;
  // The same pid is this process, or a former one that had this pid (pid 1 in a restarted container).
  if (pid === process.pid) return !liveTokens.has(token);
  if (!PID_SPACE) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}

function pidSpace(): string {
  try {
    const boot = readFileSync("/proc/sys/kernel/random/boot_id", "utf8").trim().slice(0, 8);
    // "pid:[4026531836]": the namespace's inode.
    const namespace = /\d+/.exec(readlinkSync("/proc/self/ns/pid"))?.[0];
    return boot && namespace ? `${boot}-${namespace}` : "";
  } catch {
    return "";
  }
}
