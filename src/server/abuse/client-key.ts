import ipaddr from 'ipaddr.js';

/**
 * Who a per-client rate limit counts, from an IP address. An IPv6 subscriber is given at least a
 * /64 (RFC 6177; most ISPs give a /56 or /48), and can use any of its 2^64 addresses, so counting
 * full addresses let one person be endless "clients" (issue 15): an IPv6 client is counted by its
 * /64. An IPv4-mapped IPv6 address (::ffff:203.0.113.9, how a dual-stack socket reports IPv4) is
 * the IPv4 client it maps. Anything that is not an address ("unknown") is kept as it is, one
 * shared client.
 */
export function rateLimitClient(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  const address = ipaddr.process(ip); // IPv4-mapped IPv6 comes back as IPv4
  if (!(address instanceof ipaddr.IPv6)) return address.toString();
  return `${address.parts
    .slice(0, 4)
    .map((part) => part.toString(16))
    .join(':')}::/64`;
}
