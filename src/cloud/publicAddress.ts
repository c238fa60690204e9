/**
 * Which IP addresses the cloud destination may connect to when it fetches a datafile: public
 * ones only. The Datafile URL is typed by any workspace member and fetched from inside Segment's
 * network, so an address of that network (loopback, private ranges, the cloud metadata service
 * at 169.254.169.254, …) would let a setting read internal services.
 *
 * IPv6 forms that carry an IPv4 address (IPv4-mapped `::ffff:a.b.c.d`, IPv4-compatible
 * `::a.b.c.d`, NAT64 `64:ff9b::a.b.c.d`, 6to4 `2002:aabb:ccdd::`) are judged by that IPv4 address.
 */
import { BlockList, isIPv4, isIPv6 } from 'net'

type Family = 'ipv4' | 'ipv6'

/** Address ranges that are not the public internet, by what an operator would call them. */
const RANGES: [kind: string, family: Family, network: string, prefix: number][] = [
  ['unspecified', 'ipv4', '0.0.0.0', 8],
  ['private', 'ipv4', '10.0.0.0', 8],
  ['carrier-grade NAT', 'ipv4', '100.64.0.0', 10],
  ['loopback', 'ipv4', '127.0.0.0', 8],
  ['link-local', 'ipv4', '169.254.0.0', 16],
  ['private', 'ipv4', '172.16.0.0', 12],
  ['reserved', 'ipv4', '192.0.0.0', 24],
  ['documentation', 'ipv4', '192.0.2.0', 24],
  ['private', 'ipv4', '192.168.0.0', 16],
  ['benchmarking', 'ipv4', '198.18.0.0', 15],
  ['documentation', 'ipv4', '198.51.100.0', 24],
  ['documentation', 'ipv4', '203.0.113.0', 24],
  ['multicast', 'ipv4', '224.0.0.0', 4],
  ['reserved', 'ipv4', '240.0.0.0', 4],
  ['unspecified', 'ipv6', '::', 128],
  ['loopback', 'ipv6', '::1', 128],
  ['discard', 'ipv6', '100::', 64],
  ['local NAT64', 'ipv6', '64:ff9b:1::', 48],
  ['documentation', 'ipv6', '2001:db8::', 32],
  ['unique local', 'ipv6', 'fc00::', 7],
  ['link-local', 'ipv6', 'fe80::', 10],
  ['site-local', 'ipv6', 'fec0::', 10],
  ['multicast', 'ipv6', 'ff00::', 8]
]

const BLOCKS = new Map<string, BlockList>()
for (const [kind, family, network, prefix] of RANGES) {
  const list = BLOCKS.get(kind) ?? new BlockList()
  list.addSubnet(network, prefix, family)
  BLOCKS.set(kind, list)
}

/** The eight 16-bit groups of an IPv6 address (any spelling Node accepts). */
function ipv6Groups(address: string): number[] {
  // The URL parser writes every IPv6 address the same way: hex groups, at most one `::`.
  const canonical = new URL(`http://[${address}]/`).hostname.slice(1, -1)
  const [head, tail] = canonical.includes('::') ? canonical.split('::') : [canonical, undefined]
  const parse = (part: string | undefined) => (part ? part.split(':').map((group) => parseInt(group, 16)) : [])
  const before = parse(head)
  const after = parse(tail)
  return [...before, ...new Array<number>(8 - before.length - after.length).fill(0), ...after]
}

function ipv4From(high: number, low: number): string {
  return [high >> 8, high & 0xff, low >> 8, low & 0xff].join('.')
}

/** The IPv4 address an IPv6 address stands for, if it is one of the forms that embed one. */
function embeddedIpv4(groups: number[]): string | undefined {
  const zero = (from: number, to: number) => groups.slice(from, to).every((group) => group === 0)
  // IPv4-mapped ::ffff:a.b.c.d, and IPv4-compatible ::a.b.c.d (other than :: and ::1)
  if (zero(0, 5) && (groups[5] === 0xffff || (groups[5] === 0 && (groups[6] !== 0 || groups[7] > 1)))) {
    return ipv4From(groups[6], groups[7])
  }
  // NAT64 well-known prefix 64:ff9b::/96
  if (groups[0] === 0x64 && groups[1] === 0xff9b && zero(2, 6)) return ipv4From(groups[6], groups[7])
  // 6to4 2002:aabb:ccdd::/48
  if (groups[0] === 0x2002) return ipv4From(groups[1], groups[2])
  return undefined
}

/**
 * What kind of non-public address `address` is ("loopback", "private", …), or undefined when it
 * is a public address. Anything that is not an IP address counts as non-public.
 */
export function nonPublicKind(address: string): string | undefined {
  let family: Family
  let checked = address
  if (isIPv4(address)) family = 'ipv4'
  else if (isIPv6(address)) {
    let groups: number[]
    try {
      groups = ipv6Groups(address)
    } catch {
      return 'unrecognised'
    }
    const ipv4 = embeddedIpv4(groups)
    if (ipv4 !== undefined) {
      const kind = nonPublicKind(ipv4)
      return kind === undefined ? undefined : `${kind} (as IPv6)`
    }
    family = 'ipv6'
    checked = groups.map((group) => group.toString(16)).join(':')
  } else return 'unrecognised'
  for (const [kind, list] of BLOCKS) if (list.check(checked, family)) return kind
  return undefined
}

/** "a loopback address", "an unspecified address": for messages. */
export function anAddressOfKind(kind: string): string {
  // "unique" sounds like a consonant; every other kind starting with a vowel takes "an".
  const an = 'aeiou'.includes(kind[0]) && !kind.startsWith('uni')
  return `${an ? 'an' : 'a'} ${kind} address`
}
