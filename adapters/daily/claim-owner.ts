import { randomUUID } from "node:crypto";
import { hostname } from "node:os";

/** Runs of this process that are still going, by their token; a claim of any other token of ours is abandoned. */
const liveTokens = new Set<string>();

/** A delivery run's identity in the delivery log: host, process id and a token unique to the run. */
export interface ClaimOwner {
  id: string;
  /** Ends the run; its claims then count as abandoned. */
  release(): void;
}

/** Creates the owner id of one delivery run. */
export function createClaimOwner(): ClaimOwner {
  const token = randomUUID().slice(0, 8);
  liveTokens.add(token);
  return { id: `${hostname()}:${process.pid}:${token}`, release: () => liveTokens.delete(token) };
}

/**
 * Tells whether a claim's owner is certainly gone: a process on this machine that no longer exists, or an
 * ended run of this process. Owners on other machines are never declared dead here; their claims go stale.
 */
export function isOwnerDead(owner: string): boolean {
  const [host, pidText, token] = owner.split(":");
  const pid = Number(pidText);
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || token === undefined) return false;
  // The same pid is this process, or a former one that had this pid (pid 1 in a restarted container).
  if (pid === process.pid) return !liveTokens.has(token);
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === "ESRCH";
  }
}
