import { lookup as dnsLookup, type LookupAddress } from "node:dns";
import { BlockList, isIP, type LookupFunction } from "node:net";

/** Address ranges a feed item's link must never make the bot fetch: loopback, private, link-local, multicast. */
const BLOCKED = new BlockList();
for (const [net, prefix] of [
  ["0.0.0.0", 8],
  ["10.0.0.0", 8],
  ["100.64.0.0", 10],
  ["127.0.0.0", 8],
  ["169.254.0.0", 16],
  ["172.16.0.0", 12],
  ["192.0.0.0", 24],
  ["192.168.0.0", 16],
  ["198.18.0.0", 15],
  ["224.0.0.0", 4],
  ["240.0.0.0", 4],
] as const)
  BLOCKED.addSubnet(net, prefix, "ipv4");
for (const [net, prefix] of [
  ["::", 128],
  ["::1", 128],
  ["fc00::", 7],
  ["fe80::", 10],
  ["ff00::", 8],
  ["64:ff9b::", 96],
] as const)
  BLOCKED.addSubnet(net, prefix, "ipv6");

/** Whether an IP address is public, i.e. not loopback, private, link-local, reserved or multicast. */
export function isPublicAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 4) return !BLOCKED.check(address, "ipv4");
  if (family !== 6) return false;
  // An IPv4-mapped IPv6 address ("::ffff:127.0.0.1") reaches the IPv4 host it embeds.
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped?.[1]) return isPublicAddress(mapped[1]);
  return !BLOCKED.check(address, "ipv6");
}

/** Thrown when a URL's host is or resolves to an address the guard refuses. */
export class BlockedAddressError extends Error {
  override readonly name = "BlockedAddressError";
}

/**
 * A DNS lookup for `http.request` that refuses non-public addresses. It checks the address the socket will connect
 * to, so a name that resolves to 127.0.0.1 (or changes its answer between checks) is refused too.
 */
export const publicOnlyLookup: LookupFunction = (hostname, options, callback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses: LookupAddress[]) => {
    if (error) return callback(error, "", 0);
    const allowed = addresses.filter((entry) => isPublicAddress(entry.address));
    if (allowed.length === 0) {
      return callback(new BlockedAddressError(`${hostname} resolves to a non-public address`), "", 0);
    }
    // Node asks for every address when it races IPv4 and IPv6 (autoSelectFamily), for one otherwise.
    if (options.all) return (callback as unknown as (e: null, a: LookupAddress[]) => void)(null, allowed);
    const first = allowed[0] as LookupAddress;
    callback(null, first.address, first.family);
  });
};

/** Refuses a URL whose host is an IP literal outside the public ranges; Node skips the lookup for those. */
export function assertPublicLiteral(url: URL): void {
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host) !== 0 && !isPublicAddress(host)) {
    throw new BlockedAddressError(`${host} is not a public address`);
  }
  if (host === "localhost" || host.endsWith(".localhost")) {
    throw new BlockedAddressError(`${host} is not a public host`);
  }
}
