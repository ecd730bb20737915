import { isIP } from 'node:net';

/**
 * The client's address from a header a trusted proxy sets (CLIENT_IP_HEADER), or undefined.
 *
 * X-Forwarded-For is a list that each proxy appends the address it was connected from to. A
 * client can send the header with anything already in it, so the left-most entries are the
 * client's own words; only the last `trustedProxyHops` entries were written by proxies we run
 * or pay for. The address the outermost of them saw is therefore the `trustedProxyHops`-th from
 * the right (issue 15). A list shorter than that was still written wholly by trusted proxies
 * (the client reached an inner one), so its first entry is taken. Headers a proxy overwrites,
 * such as x-nf-client-connection-ip, hold one entry and give it.
 *
 * Anything that is not an IP address gives undefined, and the caller uses the socket's address:
 * a misconfigured proxy must not make every client share one made-up "address".
 */
export function addressFromHeader(value: string | null | undefined, trustedProxyHops: number): string | undefined {
  if (!value) return undefined;
  const entries = value.split(',').map((entry) => entry.trim());
  const address = entries[Math.max(0, entries.length - trustedProxyHops)];
  return address && isIP(address) ? address : undefined;
}
