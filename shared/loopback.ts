/**
 * Whether a host name or address is this computer. Plain HTTP is allowed only there (DESIGN §8): anywhere
 * else a device token would cross the network in clear.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}

/**
 * Why a workstation must not send its token to this hub address, or null when it may: https anywhere,
 * plain http only to a hub on this computer. Read without URL (shared/ runs everywhere): the host is what
 * follows the last "@" of the part before the first "/", "?", "#" or backslash (which browsers and Node read
 * as "/"), so an address that only looks local (hub.example, a backslash, then @127.0.0.1) is not taken for one.
 */
export function hubAddressProblem(address: string): string | null {
  const match = /^([a-z][a-z0-9+.-]*):\/\/([^/?#\\]*)/i.exec(address.trim());
  if (!match) return 'must be the hub address, like https://hub.example.com';
  const scheme = match[1]!.toLowerCase();
  if (scheme === 'https') return null;
  if (scheme !== 'http') return 'must start with https://';
  const hostAndPort = match[2]!.slice(match[2]!.lastIndexOf('@') + 1);
  const host = hostAndPort.startsWith('[')
    ? hostAndPort.slice(0, hostAndPort.indexOf(']') + 1)
    : hostAndPort.split(':')[0]!;
  if (isLoopbackHost(host)) return null;
  return (
    `must start with https:// for a hub on another computer (${host}): over plain http:// the device ` +
    'token would cross the network in clear. Plain http:// is only for a hub on this computer (127.0.0.1)'
  );
}
