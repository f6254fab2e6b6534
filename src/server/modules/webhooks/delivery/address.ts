/**
 * Where a webhook may point (SSRF guard). A subscriber's URL is fetched by our server, inside our network,
 * so it must be https:// and must not resolve to a private, loopback or link-local address (cloud metadata
 * lives at 169.254.169.254). With WEBHOOKS_ALLOW_HTTP (tests, development) plain http to 127.0.0.1 or
 * localhost is allowed, and so are loopback addresses. The check runs when subscribing and again at every
 * send, through the connection's own DNS lookup, so a name re-pointed after subscribing is refused too.
 */
import dns from 'node:dns';
import net from 'node:net';

const refused = new net.BlockList();
for (const [net4, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.168.0.0', 16],
] as const)
  refused.addSubnet(net4, bits, 'ipv4');
refused.addAddress('::', 'ipv6');
refused.addAddress('::1', 'ipv6');
refused.addSubnet('fc00::', 7, 'ipv6');
refused.addSubnet('fe80::', 10, 'ipv6');

const loopback = new net.BlockList();
loopback.addSubnet('127.0.0.0', 8, 'ipv4');
loopback.addAddress('::1', 'ipv6');

const LOCAL_HOSTS = new Set(['127.0.0.1', 'localhost', '[::1]']);

export type TargetProblem = 'invalid' | 'scheme' | 'unresolvable' | 'private';

/** An IPv4-mapped IPv6 address (::ffff:10.0.0.1) is checked as the IPv4 address it is. */
function plain(address: string): { address: string; family: 'ipv4' | 'ipv6' } {
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(address);
  if (mapped) return { address: mapped[1], family: 'ipv4' };
  return { address, family: net.isIPv6(address) ? 'ipv6' : 'ipv4' };
}

export function addressAllowed(address: string, allowHttp: boolean): boolean {
  const a = plain(address);
  if (allowHttp && loopback.check(a.address, a.family)) return true;
  return !refused.check(a.address, a.family);
}

/** What is wrong with a URL as a webhook target, or null; resolves its host name. */
export async function targetProblem(raw: string, allowHttp: boolean): Promise<{ problem: TargetProblem; host: string } | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return { problem: 'invalid', host: '' };
  }
  const host = url.hostname;
  if (url.protocol !== 'https:' && !(url.protocol === 'http:' && allowHttp && LOCAL_HOSTS.has(host))) return { problem: 'scheme', host };
  if (url.username || url.password) return { problem: 'invalid', host };
  const bare = host.replace(/^\[|\]$/g, '');
  let addresses: string[];
  if (net.isIP(bare)) addresses = [bare];
  else {
    try {
      addresses = (await dns.promises.lookup(bare, { all: true })).map((a) => a.address);
    } catch {
      return { problem: 'unresolvable', host };
    }
  }
  if (!addresses.length) return { problem: 'unresolvable', host };
  return addresses.every((a) => addressAllowed(a, allowHttp)) ? null : { problem: 'private', host };
}

/** A DNS lookup for http.request that refuses private addresses at connection time (DNS rebinding). */
export function guardedLookup(allowHttp: boolean): net.LookupFunction {
  return (hostname, options, callback) => {
    dns.lookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, '', 4);
      const list = (addresses as dns.LookupAddress[]).filter((a) => addressAllowed(a.address, allowHttp));
      if (!list.length) return callback(Object.assign(new Error(`refused address for ${hostname}`), { code: 'EREFUSEDADDRESS' }), '', 4);
      if ((options as dns.LookupOptions).all) return (callback as unknown as (e: null, a: dns.LookupAddress[]) => void)(null, list);
      callback(null, list[0].address, list[0].family);
    });
  };
}
