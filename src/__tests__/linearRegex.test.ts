/**
 * @jest-environment node
 *
 * Every regular expression in src/shared and src/cloud runs in linear time. Their inputs come from
 * events (browser write keys are public) and from remote servers, and one regular expression that
 * backtracks quadratically blocks the page, or a cloud worker with every tenant on it.
 *
 * The regular expressions are read from the source itself (TypeScript's parser), so a new one
 * without pathological inputs here fails the first test. Each input is at least 100,000
 * characters: linear matching takes milliseconds, a quadratic pattern takes minutes. No time is
 * measured; a quadratic pattern makes its test overrun jest's timeout, which each test lets fire
 * before it ends (the matching itself is synchronous and cannot be interrupted).
 */
import fs from 'fs'
import path from 'path'
import ts from 'typescript'
import { parseRevenue, parseValue } from '../shared/valueRules'
import { optimizelyMessage, redact } from '../cloud/httpErrors'

const SIZE = 100_000
const digits = (count = SIZE) => '1'.repeat(count)
const spaces = (count = SIZE) => ' '.repeat(count)

/** The regular expression literals in the non-test TypeScript files under `folder`, as written. */
function regexLiterals(folder: string): string[] {
  const root = path.join(__dirname, '..', folder)
  const files = fs.readdirSync(root, { recursive: true, encoding: 'utf8' }).filter((file) => file.endsWith('.ts'))
  const found: string[] = []
  for (const file of files) {
    const source = ts.createSourceFile(file, fs.readFileSync(path.join(root, file), 'utf8'), ts.ScriptTarget.Latest)
    const visit = (node: ts.Node): void => {
      if (node.kind === ts.SyntaxKind.RegularExpressionLiteral) found.push(node.getText(source))
      if (ts.isNewExpression(node) && node.expression.getText(source) === 'RegExp') found.push(`new RegExp in ${folder}/${file}`)
      ts.forEachChild(node, visit)
    }
    visit(source)
  }
  return found
}

function compile(literal: string): RegExp {
  const end = literal.lastIndexOf('/')
  return new RegExp(literal.slice(1, end), literal.slice(end + 1))
}

/** Lets jest's timeout fire if the synchronous matching above overran it. */
const yieldToTimers = () => new Promise((resolve) => setTimeout(resolve, 0))

/** Pathological inputs per regular expression, as written in the source. */
const PATHOLOGICAL: Record<string, string[]> = {
  // valueRules.ts: integer revenue text
  '/^-?\\d+(\\.0*)?$/': [`${digits()}x`, `-${digits()}.x`, `1.${'0'.repeat(SIZE)}x`, `${digits()}.${'0'.repeat(SIZE)}1`],
  // valueRules.ts: decimal value text
  '/^[-+]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][-+]?\\d+)?$/': [
    `${digits()}x`,
    `+${digits()}.${digits()}x`,
    `.${digits()}x`,
    `1e${digits()}x`,
    `${digits()}e-${digits()}.`,
    `${'1.'.repeat(SIZE / 2)}`
  ],
  // httpErrors.ts: Bearer values in quoted bodies
  '/\\bBearer\\s+[^\\s"\'`,;)\\]}]+/gi': [
    `Bearer${spaces()}`,
    `Bearer${spaces()}"`,
    'Bearer '.repeat(SIZE / 7 + 1),
    `${'bearer\t'.repeat(SIZE / 7 + 1)}`,
    `${'Bearer'.repeat(SIZE / 6 + 1)} `
  ],
  // revenueRules.ts: an exponent in currency-unit revenue text
  '/e/i': [digits(), `${digits()}E`]
}

test('every regular expression in src/shared and src/cloud has pathological inputs here', () => {
  const literals = [...regexLiterals('shared'), ...regexLiterals('cloud')]
  expect(literals.sort()).toEqual(Object.keys(PATHOLOGICAL).sort())
})

describe.each(Object.entries(PATHOLOGICAL))('%s', (literal, inputs) => {
  test.each(inputs.map((input, index) => [index, input]))('finishes on pathological input %i', async (_index, input) => {
    expect(input.length).toBeGreaterThanOrEqual(SIZE)
    const regex = compile(literal)
    expect(typeof input.replace(regex, '')).toBe('string')
    regex.lastIndex = 0
    expect(typeof regex.test(input)).toBe('boolean')
    await yieldToTimers()
  })
})

describe('through the functions that use them', () => {
  test('revenue and value refuse long malformed numbers', async () => {
    expect(parseRevenue(`${digits()}x`).finding?.code).toBe('invalid-revenue')
    expect(parseValue(`${digits()}x`).finding?.code).toBe('invalid-value')
    expect(parseValue(`1.${digits()}x`).finding?.code).toBe('invalid-value')
    await yieldToTimers()
  })

  test('redaction and quoting handle a long body of Bearer lookalikes', async () => {
    const body = `Bearer${spaces()}x ${'Bearer '.repeat(SIZE / 7)}`
    expect(redact(body, ['secret'])).toContain('Bearer [redacted]')
    expect(optimizelyMessage(body).length).toBeLessThan(400)
    await yieldToTimers()
  })
})
