/**
 * @jest-environment node
 *
 * The cloud definition: its exports, settings and presets, the Track Event fields built on the shared ones, and the rule that it imports only src/shared from the rest of src/.
 */
import fs from 'fs'
import path from 'path'
import nock from 'nock'
import { createTestIntegration, defaultValues } from '@segment/actions-core'
import destination, { destination as namedDestination } from '../cloud'
import { fields as cloudFields } from '../cloud/trackEvent/fields'
import { fields as sharedFields } from '../shared/trackEventFields'
import { CLIENT_VERSION } from '../cloud/version'
import { DATAFILE_ORIGIN, DATAFILE_PATH, datafileWith, resetNetwork, serveDatafile, settingsWith, unmatchedRequests } from './cloudFixtures'

const testDestination = createTestIntegration(destination)

beforeEach(resetNetwork)
afterEach(() => expect(unmatchedRequests()).toEqual([]))

describe('cloud destination definition', () => {
  it('is the default and the named export', () => {
    expect(namedDestination).toBe(destination)
    expect(destination).toMatchObject({
      name: 'Optimizely Feature Experimentation (Actions)',
      slug: 'actions-optimizely-feature-experimentation-cloud',
      mode: 'cloud'
    })
  })

  it('has the original settings (token, password and optional; account ID; datafile URL), then the revenue settings', () => {
    const auth = destination.authentication
    expect(auth?.scheme).toBe('custom')
    expect(Object.keys(auth?.fields ?? {})).toEqual(['accessToken', 'accountId', 'dataFileUrl', 'revenueUnit', 'revenueEvents'])
    expect(auth?.fields).toMatchObject({
      accessToken: { label: 'Personal Access Token', type: 'password', required: false },
      accountId: { label: 'Optimizely Account Id', type: 'string', required: true },
      dataFileUrl: { label: 'Datafile URL', type: 'string', format: 'uri', required: true }
    })
    expect(auth?.fields.accessToken.description).toMatch(/GDPR delete request/)
  })

  it('presets Track Event for every track call with the default mapping', () => {
    // The optional classic presets follow it (classicPresets.test.ts).
    expect(destination.presets?.slice(0, 1)).toEqual([
      {
        name: 'Track Event',
        subscribe: 'type = "track"',
        partnerAction: 'trackEvent',
        mapping: defaultValues(destination.actions.trackEvent.fields),
        type: 'automatic'
      }
    ])
    const preset = destination.presets?.[0]
    expect(preset && 'mapping' in preset ? preset.mapping : undefined).toMatchObject({
      eventKey: { '@path': '$.event' },
      timestamp: { '@path': '$.timestamp' },
      uuid: { '@path': '$.messageId' }
    })
  })

  it('builds the Track Event fields on the shared ones', () => {
    expect(Object.keys(cloudFields)).toEqual([
      ...Object.keys(sharedFields),
      'timestamp',
      'uuid',
      'userAgent',
      'enable_batching',
      'batch_size'
    ])
    for (const key of Object.keys(sharedFields) as (keyof typeof sharedFields)[]) {
      expect(cloudFields[key].label).toBe(sharedFields[key].label)
      expect(cloudFields[key].default).toEqual(sharedFields[key].default)
    }
    expect(cloudFields.eventKey).toMatchObject({ dynamic: true, required: true })
    expect(cloudFields.timestamp).toMatchObject({ type: 'datetime', required: true, default: { '@path': '$.timestamp' } })
    expect(cloudFields.uuid).toMatchObject({ type: 'string', unsafe_hidden: true, default: { '@path': '$.messageId' } })
    expect(cloudFields.enable_batching).toMatchObject({ type: 'boolean', default: true })
    expect(cloudFields.batch_size).toMatchObject({ type: 'number', default: 100, unsafe_hidden: true })
    expect(destination.actions.trackEvent.fields).toBe(cloudFields)
    expect(destination.actions.trackEvent.defaultSubscription).toBe('type = "track"')
  })

  it('reports the package version as client_version', () => {
    const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', '..', 'package.json'), 'utf8')) as { version: string }
    expect(CLIENT_VERSION).toBe(manifest.version)
  })

  it('imports neither the Optimizely SDK nor the device-mode destination', () => {
    const cloudDir = path.join(__dirname, '..', 'cloud')
    const files = fs.readdirSync(cloudDir, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'))
    expect(files).toEqual(expect.arrayContaining(['index.ts', 'gdpr.ts', path.join('trackEvent', 'index.ts')]))
    // Outside its own folder the cloud module may only use the rules shared by both modes, and
    // the catalogue's parts it shows (src/messages).
    const sharedDir = path.join(__dirname, '..', 'shared')
    const cloudMessages = ['cloud', 'shared', 'settings', 'account'].map((part) => path.join(__dirname, '..', 'messages', part))
    for (const file of files) {
      const source = fs.readFileSync(path.join(cloudDir, file), 'utf8')
      const specifiers = [...source.matchAll(/from '([^']+)'/g)].map((match) => match[1])
      for (const specifier of specifiers) {
        const target = path.resolve(cloudDir, path.dirname(file), specifier)
        const relative = specifier.startsWith('.')
        const inside =
          relative && (target.startsWith(cloudDir + path.sep) || target.startsWith(sharedDir + path.sep) || cloudMessages.includes(target))
        expect({ file, specifier, ok: inside || ['@segment/actions-core', 'crypto', 'dns', 'https', 'net'].includes(specifier) }).toEqual({
          file,
          specifier,
          ok: true
        })
      }
    }
  })
})

describe('testAuthentication', () => {
  it('accepts a reachable datafile of the configured account', async () => {
    const scope = serveDatafile()
    await expect(testDestination.testAuthentication(settingsWith())).resolves.toBeUndefined()
    scope.done()
  })

  it('checks the datafile for real each time, not from the cache', async () => {
    const scope = serveDatafile(datafileWith(), { times: 2 })
    await testDestination.testAuthentication(settingsWith())
    await testDestination.testAuthentication(settingsWith())
    scope.done()
  })

  it('fails clearly when the datafile is unreachable', async () => {
    nock(DATAFILE_ORIGIN).get(DATAFILE_PATH).reply(404, 'Not Found')
    await expect(testDestination.testAuthentication(settingsWith())).rejects.toThrow(
      /datafile at https:\/\/cdn\.optimizely\.com\/datafiles\/AcmeShopDemoKey0001\.json failed with HTTP 404/
    )
  })

  it('fails clearly when the datafile is not JSON', async () => {
    serveDatafile('Project deactivated')
    await expect(testDestination.testAuthentication(settingsWith())).rejects.toThrow(/not JSON.*project may be deactivated/)
  })

  it('fails clearly when the datafile belongs to another account', async () => {
    serveDatafile()
    await expect(testDestination.testAuthentication(settingsWith({ accountId: '555' }))).rejects.toThrow(
      'belongs to Optimizely account 12003456780, not to the configured account 555'
    )
  })
})

describe('Event Key dynamic field', () => {
  it("lists the datafile's event keys", async () => {
    serveDatafile()
    const response = await testDestination.testDynamicField('trackEvent', 'eventKey', { settings: settingsWith(), payload: {} })
    expect(response).toEqual({
      choices: ['Order Completed', 'Product Added', 'purchase', 'signup', 'Viewed Checkout Page']
        .sort((a, b) => a.localeCompare(b))
        .map((key) => ({ label: key, value: key }))
    })
  })

  it('explains why there are no choices when the datafile cannot be read', async () => {
    serveDatafile('gone')
    const response = await testDestination.testDynamicField('trackEvent', 'eventKey', { settings: settingsWith(), payload: {} })
    expect(response).toMatchObject({ choices: [], error: { code: 'DATAFILE_UNAVAILABLE' } })
    expect(Object.keys(response)).toEqual(['choices', 'error'])
    expect(Array.isArray(response) ? undefined : response.error?.message).toContain('not JSON')
  })
})
