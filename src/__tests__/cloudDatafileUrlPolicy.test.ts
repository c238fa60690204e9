/**
 * @jest-environment node
 *
 * The cloud's Datafile URL policy against real servers, through actions-core's request client:
 * every refused URL (each address class and numeric spelling, names that resolve inside the
 * network, redirects to a private address or to http://) fails with a message saying why, and no
 * connection is opened, neither to the target nor anywhere else. Also: Optimizely's CDN over
 * http:// is upgraded, other hosts' answers are never quoted, Optimizely's own notice is quoted
 * whole.
 */
import net from 'net'
import { RetryableError, createRequestClient, createTestIntegration } from '@segment/actions-core'
import destination from '../cloud'
import { datafileCache, getDatafile } from '../cloud/datafileCache'
import { startDatafileServers, type DatafileServers } from './helpers/datafileServers'
import fs from 'fs'
import path from 'path'

const testDestination = createTestIntegration(destination)
const ACCOUNT_ID = '12003456780'
const FIXTURE = fs.readFileSync(path.join(__dirname, '..', '..', 'fixtures', 'datafile.json'), 'utf8')

let servers: DatafileServers

beforeAll(async () => {
  servers = await startDatafileServers()
})
beforeEach(() => {
  datafileCache.useFetchOptions({ network: servers.network })
  servers.internet.handle = (request, response) => {
    const [route, target] = (request.url ?? '').split('?to=')
    if (route === '/redirect') return void response.writeHead(302, { Location: decodeURIComponent(target) }).end()
    response.writeHead(200, { 'Content-Type': 'application/json' }).end(FIXTURE)
  }
})
afterAll(async () => {
  datafileCache.useFetchOptions()
  await servers.close()
})

function settingsWith(dataFileUrl: string) {
  return { accountId: ACCOUNT_ID, dataFileUrl }
}

/**
 * Counts the connections this process opens while `run` runs: every socket connect, except those
 * whose host name lookup was refused (no address, so nothing was dialled). A host written as an
 * IP address has no lookup: any connect to one counts.
 */
async function connectionsDuring(run: () => Promise<unknown>): Promise<number> {
  const attempts: { refusedAtLookup: boolean }[] = []
  const connect = watchConnects((socket) => {
    const attempt = { refusedAtLookup: false }
    attempts.push(attempt)
    socket.once('lookup', (error: Error | null) => {
      if (error) attempt.refusedAtLookup = true
    })
  })
  try {
    await run()
    return attempts.filter((attempt) => !attempt.refusedAtLookup).length
  } finally {
    connect.mockRestore()
  }
}

/** Calls `onConnect` for every socket connect in this process, then connects as usual. */
function watchConnects(onConnect: (socket: net.Socket, args: unknown[]) => void) {
  const descriptor = Object.getOwnPropertyDescriptor(net.Socket.prototype, 'connect')
  const original = descriptor?.value as (this: net.Socket, ...args: unknown[]) => net.Socket
  return jest.spyOn(net.Socket.prototype, 'connect').mockImplementation(function (this: net.Socket, ...args: unknown[]) {
    onConnect(this, args)
    return original.apply(this, args)
  })
}

function connectionsInside(): number {
  return servers.internal.connections + servers.plainInternal.connections + servers.plainInternet.connections
}

const port = () => servers.internal.port
const plainPort = () => servers.plainInternal.port

/** [what, the Datafile URL, what the refusal says] */
const REFUSED: [string, () => string, RegExp][] = [
  ['loopback', () => `https://127.0.0.1:${port()}/d.json`, /points at 127\.0\.0\.1, a loopback address/],
  ['loopback as one decimal number', () => `https://2130706433:${port()}/d.json`, /points at 127\.0\.0\.1, a loopback address/],
  ['loopback in octal', () => `https://0177.0.0.1:${port()}/d.json`, /points at 127\.0\.0\.1, a loopback address/],
  ['loopback in hex, shortened', () => `https://0x7f.1:${port()}/d.json`, /points at 127\.0\.0\.1, a loopback address/],
  ['loopback, IPv6', () => `https://[::1]:${port()}/d.json`, /points at \[::1\], a loopback address/],
  ['loopback, IPv6 written out', () => `https://[0:0:0:0:0:0:0:1]:${port()}/d.json`, /a loopback address/],
  ['loopback, IPv4-mapped IPv6', () => `https://[::ffff:127.0.0.1]:${port()}/d.json`, /a loopback \(as IPv6\) address/],
  ['loopback, IPv4-mapped IPv6 in hex', () => `https://[::ffff:7f00:1]:${port()}/d.json`, /a loopback \(as IPv6\) address/],
  ['loopback, IPv4-compatible IPv6', () => `https://[::127.0.0.1]:${port()}/d.json`, /a loopback \(as IPv6\) address/],
  ['loopback, NAT64', () => `https://[64:ff9b::7f00:1]:${port()}/d.json`, /a loopback \(as IPv6\) address/],
  ['LOCALHOST (resolves to loopback)', () => `https://LOCALHOST:${port()}/d.json`, /the host localhost resolves to a loopback address/],
  ['a name resolving to 127.0.0.1', () => `https://internal.example:${port()}/d.json`, /internal\.example resolves to a loopback address/],
  ['a name resolving to an IPv4-mapped loopback', () => `https://mapped.example:${port()}/d.json`, /resolves to a loopback \(as IPv6\)/],
  ['a name with one private record among public ones', () => `https://mixed.example:${port()}/d.json`, /resolves to a private address/],
  ['a name resolving to the metadata service', () => 'https://metadata.example/latest/meta-data/', /resolves to a link-local address/],
  ['a name resolving to a private address', () => 'https://private.example/d.json', /resolves to a private address/],
  ['a name resolving to a unique local IPv6 address', () => 'https://ula.example/d.json', /resolves to a unique local address/],
  ['the metadata service', () => 'https://169.254.169.254/latest/meta-data/', /a link-local address/],
  ['the metadata service as a decimal number', () => 'https://2852039166/latest/meta-data/', /points at 169\.254\.169\.254, a link-local/],
  ['the metadata service, IPv4-mapped', () => 'https://[::ffff:169.254.169.254]/latest/', /a link-local \(as IPv6\) address/],
  ['private 10/8', () => 'https://10.0.0.1/d.json', /a private address/],
  ['private 172.16/12', () => 'https://172.16.0.1/d.json', /a private address/],
  ['private 192.168/16', () => 'https://192.168.1.1/d.json', /a private address/],
  ['carrier-grade NAT', () => 'https://100.64.0.1/d.json', /a carrier-grade NAT address/],
  ['unspecified', () => 'https://0.0.0.0/d.json', /an unspecified address/],
  ['unspecified as 0', () => 'https://0/d.json', /points at 0\.0\.0\.0, an unspecified address/],
  ['unspecified, IPv6', () => 'https://[::]/d.json', /an unspecified address/],
  ['multicast', () => 'https://224.0.0.1/d.json', /a multicast address/],
  ['broadcast', () => 'https://255.255.255.255/d.json', /a reserved address/],
  ['unique local IPv6', () => 'https://[fd00:ec2::254]/d.json', /a unique local address/],
  ['link-local IPv6', () => 'https://[fe80::1]/d.json', /a link-local address/],
  ['multicast IPv6', () => 'https://[ff02::1]/d.json', /a multicast address/],
  ['http:// to loopback (no local exception)', () => `http://127.0.0.1:${plainPort()}/d.json`, /must start with https:\/\//],
  ['http:// to localhost', () => `http://localhost:${plainPort()}/d.json`, /must start with https:\/\//],
  ['http:// to a public host', () => `http://datafiles.example.com:${servers.plainInternet.port}/d.json`, /must start with https:\/\//],
  ['another scheme', () => 'ftp://datafiles.example.com/d.json', /must start with https:\/\//],
  [
    'a redirect to a private address',
    () => `https://datafiles.example.com:${servers.internet.port}/redirect?to=${encodeURIComponent(`https://127.0.0.1:${port()}/d.json`)}`,
    /redirects to https:\/\/127\.0\.0\.1:\d+\/d\.json, which points at 127\.0\.0\.1, a loopback address/
  ],
  [
    'a redirect to a name inside the network',
    () =>
      `https://datafiles.example.com:${servers.internet.port}/redirect?to=${encodeURIComponent(`https://internal.example:${port()}/d.json`)}`,
    /the host internal\.example resolves to a loopback address/
  ],
  [
    'a redirect to http://',
    () =>
      `https://datafiles.example.com:${servers.internet.port}/redirect?to=${encodeURIComponent(`http://datafiles.example.com:${servers.plainInternet.port}/d.json`)}`,
    /redirects to http:\/\/datafiles\.example\.com:\d+\/d\.json; only https:\/\/ redirects are followed/
  ],
  [
    "a redirect to http:// on Optimizely's CDN (not upgraded)",
    () => `https://datafiles.example.com:${servers.internet.port}/redirect?to=${encodeURIComponent('http://cdn.optimizely.com/d.json')}`,
    /only https:\/\/ redirects are followed/
  ]
]

describe('refused Datafile URLs', () => {
  test.each(REFUSED)('%s', async (_what, url, reason) => {
    const before = connectionsInside()
    const redirects = url().includes('/redirect?')
    const opened = await connectionsDuring(async () => {
      await expect(testDestination.testAuthentication(settingsWith(url()))).rejects.toThrow(reason)
      const keys = await testDestination.testDynamicField('trackEvent', 'eventKey', { settings: settingsWith(url()), payload: {} })
      expect(Array.isArray(keys) ? undefined : keys.error?.message).toMatch(reason)
    })
    expect(connectionsInside()).toBe(before)
    // Nothing connects at all, except to the redirecting server (twice: saving, then the key list).
    expect(opened).toBe(redirects ? 2 : 0)
  })

  test('every refusal is a settings error (INVALID_DATAFILE_URL, 400), not a retryable one', async () => {
    for (const url of [`https://internal.example:${port()}/d.json`, 'https://10.0.0.1/d.json', `http://127.0.0.1:${plainPort()}/`]) {
      const refusal = getDatafile(createRequestClient(), settingsWith(url))
      await expect(refusal).rejects.toMatchObject({ code: 'INVALID_DATAFILE_URL', status: 400 })
      await expect(refusal).rejects.not.toBeInstanceOf(RetryableError)
    }
  })

  test('the control: a public host connects, and redirects to public https:// hosts are followed', async () => {
    const direct = `https://datafiles.example.com:${servers.internet.port}/d.json`
    expect(await connectionsDuring(() => testDestination.testAuthentication(settingsWith(direct)))).toBe(1)
    const redirected = `https://datafiles.example.com:${servers.internet.port}/redirect?to=${encodeURIComponent(
      `https://cdn.optimizely.com:${servers.internet.port}/d.json`
    )}`
    expect(await connectionsDuring(() => testDestination.testAuthentication(settingsWith(redirected)))).toBe(2)
  })

  test('a redirect loop stops after 5 hops', async () => {
    servers.internet.handle = (_request, response) => void response.writeHead(302, { Location: '/again' }).end()
    const loop = `https://datafiles.example.com:${servers.internet.port}/again`
    const opened = await connectionsDuring(() =>
      expect(testDestination.testAuthentication(settingsWith(loop))).rejects.toThrow(/redirects more than 5 times/)
    )
    expect(opened).toBe(6)
  })
})

describe("Optimizely's CDN over http://", () => {
  test('is upgraded to https:// on port 443; nothing goes out in plaintext', async () => {
    const ports: unknown[] = []
    const connect = watchConnects((_socket, [options]) => ports.push((options as { port?: unknown } | undefined)?.port))
    try {
      // The test network sends cdn.optimizely.com to a local address where nothing listens on 443:
      // the attempt itself shows the upgrade.
      await expect(
        testDestination.testAuthentication(settingsWith('http://cdn.optimizely.com/datafiles/AcmeShopDemoKey0001.json'))
      ).rejects.toThrow(
        /Fetching the datafile at https:\/\/cdn\.optimizely\.com\/datafiles\/AcmeShopDemoKey0001\.json failed: .*ECONNREFUSED/
      )
    } finally {
      connect.mockRestore()
    }
    expect(ports).toEqual([443])
  })
})

describe('what messages quote', () => {
  const SECRET_PAGE = 'internal admin console: db password hunter2'
  const NOTICE =
    'This project has been deactivated by its account administrator. To serve this datafile again, reactivate the project in the Optimizely app (Settings > Projects), or contact Optimizely support.'

  function answer(status: number, body: string) {
    servers.internet.handle = (_request, response) => void response.writeHead(status, { 'Content-Type': 'text/plain' }).end(body)
  }

  test.each([404, 500])("a host other than Optimizely's answering %i: its body is not quoted", async (status) => {
    answer(status, SECRET_PAGE)
    const saving = testDestination.testAuthentication(settingsWith(`https://datafiles.example.com:${servers.internet.port}/d.json`))
    await expect(saving).rejects.toThrow(`failed with HTTP ${status}: (the answer is not quoted: the host is not Optimizely's)`)
    await expect(saving).rejects.not.toThrow(/hunter2|admin/)
  })

  test("a host other than Optimizely's answering text: not quoted", async () => {
    answer(200, SECRET_PAGE)
    const saving = testDestination.testAuthentication(settingsWith(`https://datafiles.example.com:${servers.internet.port}/d.json`))
    await expect(saving).rejects.toThrow("is not JSON (the answer is not quoted: the host is not Optimizely's)")
    await expect(saving).rejects.not.toThrow(/hunter2|admin/)
  })

  test("a host other than Optimizely's serving a datafile of a non-numeric account: not repeated", async () => {
    servers.internet.handle = (_request, response) =>
      void response
        .writeHead(200, { 'Content-Type': 'application/json' })
        .end(JSON.stringify({ ...JSON.parse(FIXTURE), accountId: SECRET_PAGE }))
    const saving = testDestination.testAuthentication(settingsWith(`https://datafiles.example.com:${servers.internet.port}/d.json`))
    await expect(saving).rejects.toThrow('belongs to another account, not to the configured account 12003456780')
    await expect(saving).rejects.not.toThrow(/hunter2/)
  })

  test("Optimizely's deactivated-project notice is quoted whole", async () => {
    expect(NOTICE.length).toBeGreaterThan(150)
    answer(200, NOTICE)
    await expect(
      testDestination.testAuthentication(settingsWith(`https://cdn.optimizely.com:${servers.internet.port}/d.json`))
    ).rejects.toThrow(`is not JSON (it says ${JSON.stringify(NOTICE)}). The Optimizely project may be deactivated`)
  })

  test('a long Optimizely answer is cut at a word, never mid-word', async () => {
    const words = Array.from({ length: 80 }, (_, index) => `word${index}`).join(' ')
    answer(403, words)
    const saving = testDestination.testAuthentication(settingsWith(`https://cdn.optimizely.com:${servers.internet.port}/d.json`))
    const message = await saving.then(
      () => '',
      (error: Error) => error.message
    )
    const quotedPart = message.slice(message.indexOf('HTTP 403: ') + 'HTTP 403: '.length)
    expect(quotedPart.endsWith('…')).toBe(true)
    // What is quoted is the answer's first words, whole: the original goes on with a space.
    expect(words.startsWith(`${quotedPart.slice(0, -1)} `)).toBe(true)
    expect(quotedPart.length).toBeGreaterThan(150)
  })
})
