import { timingSafeEqual } from "node:crypto";

/**
 * True when two strings are equal, compared in time that does not depend on where they differ: for secrets,
 * signatures and tokens a request presents. Only their lengths can leak, which says nothing of the secret's
 * content.
 */
export function sameSecret(a: string, b: string): boolean {
  const left = Buffer.from(a);
  const right = Buffer.from(b);
  return left.length === right.length && timingSafeEqual(left, right);
}
