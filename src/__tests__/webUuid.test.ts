/**
 * src/web/uuidFromPlatform.ts, the browser builds' `uuid`: the SDK's ES build (the one the web
 * bundle and the npm browser build take) imports only `v4` from it and calls it without arguments
 * (found by scope analysis, so a call through another name or with options would show), and the
 * substitute returns the page's crypto.randomUUID() or, on a page without it (plain http), an
 * RFC 9562 version 4 UUID of its own. e2e/conversions.test.ts sends conversions in Chromium
 * without `randomUUID`.
 */
import { readFileSync } from 'fs'
import { join } from 'path'
import { parse } from 'acorn'
import { analyze } from 'eslint-scope'
import { v4 } from '../web/uuidFromPlatform'

const V4 = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/

test("the SDK's ES build imports only v4 from uuid and calls it only without arguments", () => {
  // The build webpack's `browser` and `import` conditions pick (the package's exports map).
  const code = readFileSync(join(__dirname, '../../node_modules/@optimizely/optimizely-sdk/dist/index.browser.es.min.js'), 'utf8')
  const ast = parse(code, { ecmaVersion: 'latest', sourceType: 'module', ranges: true })
  const [moduleScope] = analyze(ast, { ecmaVersion: 2022, sourceType: 'module' }).globalScope.childScopes
  const fromUuid = moduleScope.variables.filter((variable) =>
    variable.defs.some((def) => def.type === 'ImportBinding' && def.parent.source.value === 'uuid')
  )
  expect(fromUuid.map((variable) => variable.defs[0].node.imported?.name)).toEqual(['v4'])
  const uses = fromUuid[0].references.map(({ identifier }) => code.slice(identifier.range[0] - 1, identifier.range[1] + 2))
  expect(uses.length).toBeGreaterThan(0)
  // Each reference is a bare call with no arguments: not `x.e(`, not `e(options)`, not passed on as a value.
  for (const use of uses) expect(use).toMatch(/^[^.\w$][\w$]+\(\)$/)
})

test("with crypto.randomUUID (a secure page) it returns the browser's own UUID", () => {
  const randomUUID = jest.spyOn(crypto, 'randomUUID').mockReturnValue('0f8b7c1e-2d3a-4b5c-8d6e-7f8091a2b3c4')
  try {
    expect(v4()).toBe('0f8b7c1e-2d3a-4b5c-8d6e-7f8091a2b3c4')
    expect(randomUUID).toHaveBeenCalledTimes(1)
  } finally {
    randomUUID.mockRestore()
  }
})

test('without crypto.randomUUID (a plain-http page) it makes distinct version 4 UUIDs from getRandomValues', () => {
  const own = Object.getOwnPropertyDescriptor(crypto, 'randomUUID')
  Object.defineProperty(crypto, 'randomUUID', { value: undefined, configurable: true })
  const getRandomValues = jest.spyOn(crypto, 'getRandomValues')
  try {
    const ids = Array.from({ length: 2000 }, () => v4())
    expect(ids.filter((id) => !V4.test(id))).toEqual([])
    expect(new Set(ids).size).toBe(ids.length)
    expect(getRandomValues).toHaveBeenCalledTimes(2000)
    // Every hex digit outside the version and variant appears in every position that is random.
    const randomPositions = [...Array(36).keys()].filter((index) => ![8, 13, 14, 18, 19, 23].includes(index))
    for (const index of randomPositions) expect(new Set(ids.map((id) => id[index])).size).toBe(16)
    expect(new Set(ids.map((id) => id[19]))).toEqual(new Set(['8', '9', 'a', 'b']))
  } finally {
    getRandomValues.mockRestore()
    if (own) Object.defineProperty(crypto, 'randomUUID', own)
    else delete (crypto as { randomUUID?: unknown }).randomUUID
  }
})
