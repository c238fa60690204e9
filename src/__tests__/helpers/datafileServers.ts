/**
 * Real local servers for the cloud datafile download, reached through actions-core's request
 * client and real sockets (no nock: this file never loads it).
 *
 * - "The internet" is an HTTPS server on 127.0.0.2. The test network (the cache's test-only seam,
 *   `datafileCache.useFetchOptions`) resolves the test host names to it and counts that one
 *   loopback address as public; every other address is judged by the production rule.
 * - "Inside Segment's network" is an HTTPS and an HTTP server on 127.0.0.1, which the production
 *   rule refuses. They count connections: a refused URL must never reach them.
 */
import http from 'http'
import https from 'https'
import type { AddressInfo, Socket } from 'net'
import { generate } from 'selfsigned'
import { PUBLIC_INTERNET, type DatafileNetwork } from '../../cloud/datafileFetch'
import { nonPublicKind } from '../../cloud/publicAddress'

export const PUBLIC_ADDRESS = '127.0.0.2'
export const INTERNAL_ADDRESS = '127.0.0.1'

/** The test DNS: host names to their addresses. Other names go to the system resolver. */
export const TEST_HOSTS: Record<string, string[]> = {
  'cdn.optimizely.com': [PUBLIC_ADDRESS],
  'datafiles.example.com': [PUBLIC_ADDRESS],
  'internal.example': [INTERNAL_ADDRESS],
  'metadata.example': ['169.254.169.254'],
  'private.example': ['10.1.2.3'],
  'ula.example': ['fd00::1'],
  'mapped.example': ['::ffff:127.0.0.1'],
  'mixed.example': [PUBLIC_ADDRESS, '10.1.2.3']
}

export type Handler = (request: http.IncomingMessage, response: http.ServerResponse) => void

export interface CountingServer {
  port: number
  /** Connections accepted so far. */
  connections: number
  /** Sockets still open. */
  open: Set<Socket>
  handle: Handler
  close(): Promise<void>
}

async function listen(server: http.Server | https.Server, address: string, state: { connections: number; open: Set<Socket> }) {
  server.on('connection', (socket: Socket) => {
    state.connections += 1
    state.open.add(socket)
    socket.on('close', () => state.open.delete(socket))
  })
  await new Promise<void>((resolve) => server.listen(0, address, resolve))
  return (server.address() as AddressInfo).port
}

async function countingServer(kind: 'http' | 'https', address: string, tls?: { key: string; cert: string }): Promise<CountingServer> {
  const state: CountingServer = {
    port: 0,
    connections: 0,
    open: new Set<Socket>(),
    handle: (_request, response) => void response.writeHead(404).end(),
    close: async () => {
      for (const socket of state.open) socket.destroy()
      await new Promise((resolve) => server.close(resolve))
    }
  }
  const route: Handler = (request, response) => state.handle(request, response)
  const server = kind === 'https' ? https.createServer({ ...tls }, route) : http.createServer(route)
  state.port = await listen(server, address, state)
  return state
}

export interface DatafileServers {
  /** "The internet": HTTPS on 127.0.0.2 for every test host name. */
  internet: CountingServer
  /** Plain HTTP on 127.0.0.2: only a refused http:// URL could reach it. */
  plainInternet: CountingServer
  /** Inside the network: HTTPS and HTTP on 127.0.0.1. */
  internal: CountingServer
  plainInternal: CountingServer
  network: DatafileNetwork
  close(): Promise<void>
}

export async function startDatafileServers(): Promise<DatafileServers> {
  const names = Object.keys(TEST_HOSTS)
  const pems = await generate([{ name: 'commonName', value: names[0] }], {
    keySize: 2048,
    notAfterDate: new Date(Date.now() + 24 * 60 * 60 * 1000),
    extensions: [
      { name: 'basicConstraints', cA: true },
      {
        name: 'subjectAltName',
        altNames: [...names.map((value) => ({ type: 2 as const, value })), { type: 7 as const, ip: INTERNAL_ADDRESS }]
      }
    ]
  })
  const tls = { key: pems.private, cert: pems.cert }
  const internet = await countingServer('https', PUBLIC_ADDRESS, tls)
  const plainInternet = await countingServer('http', PUBLIC_ADDRESS)
  const internal = await countingServer('https', INTERNAL_ADDRESS, tls)
  const plainInternal = await countingServer('http', INTERNAL_ADDRESS)
  const network: DatafileNetwork = {
    resolve: async (hostname) => {
      const addresses = TEST_HOSTS[hostname]
      if (!addresses) return PUBLIC_INTERNET.resolve(hostname)
      return addresses.map((address) => ({ address, family: address.includes(':') ? 6 : 4 }))
    },
    nonPublic: (address) => (address === PUBLIC_ADDRESS ? undefined : nonPublicKind(address)),
    ca: pems.cert
  }
  return {
    internet,
    plainInternet,
    internal,
    plainInternal,
    network,
    close: async () => {
      await Promise.all([internet.close(), plainInternet.close(), internal.close(), plainInternal.close()])
    }
  }
}
