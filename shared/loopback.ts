/**
 * Whether a host name or address is this computer. Plain HTTP is allowed only there (DESIGN §8): anywhere
 * else a device token would cross the network in clear.
 */
export function isLoopbackHost(host: string): boolean {
  const bare = host.replace(/^\[(.*)\]$/, '$1').toLowerCase();
  return bare === 'localhost' || bare === '::1' || /^127(\.\d{1,3}){3}$/.test(bare);
}
