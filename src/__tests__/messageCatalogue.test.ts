/**
 * The message catalogue (src/messages) is the only place a console message or error is worded,
 * and docs/troubleshooting.md quotes only messages it holds: each quote, its `…` standing for the
 * values, is one catalogue message in the same order of words.
 *
 * @jest-environment node
 */
import fs from 'fs'
import path from 'path'
import { CATALOGUE, template } from '../messages/catalogue'

const root = path.resolve(__dirname, '../..')
const templates = CATALOGUE.flatMap((part) => Object.values(part.messages).map(template))

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const file = path.join(dir, entry.name)
    if (entry.isDirectory()) return ['__tests__', 'messages'].includes(entry.name) ? [] : sourceFiles(file)
    return file.endsWith('.ts') && !file.endsWith('generated-types.ts') ? [file] : []
  })
}

/** A call that prints or throws, or a message/problem property, given text written on the spot (not a catalogue entry). */
const WORDED_HERE = [
  /(?:log\.log|warnOnce)\([^,()]+,\s*[`'"]/,
  /console\.(?:error|warn|info|log|debug)\([`'"](?!\$\{LOG_PREFIX\} \$\{[^}]+\}`)/,
  /Error\(\s*[`'"]/,
  /\b(?:message|problem|output):\s*[`'"]/
]

test('no code outside src/messages words a console message, an error or a refusal itself', () => {
  const found: string[] = []
  for (const file of sourceFiles(path.join(root, 'src'))) {
    // Calls spread over lines are read as one.
    const source = fs
      .readFileSync(file, 'utf8')
      .replace(/\(\s*\n\s*/g, '(')
      .replace(/,\s*\n\s*/g, ', ')
    for (const line of source.split('\n')) {
      if (/^\s*(\*|\/\/)/.test(line)) continue
      if (WORDED_HERE.some((pattern) => pattern.test(line))) found.push(`${path.relative(root, file)}: ${line.trim()}`)
    }
  }
  expect(found).toEqual([])
})

test('every catalogue message reads as text, and no two read the same', () => {
  expect(templates.length).toBeGreaterThan(80)
  for (const text of templates) expect(text.trim().length).toBeGreaterThan(3)
  expect(new Set(templates).size).toBe(templates.length)
})

/** The messages docs/troubleshooting.md quotes in its tables: the first cell's backticked text. */
function quotedMessages(): string[] {
  const doc = fs.readFileSync(path.join(root, 'docs/troubleshooting.md'), 'utf8')
  const handWritten = doc.replace(/<!-- generated: [\s\S]*?<!-- end: [^>]*-->/g, '')
  return [...handWritten.matchAll(/^\| `([^`]+)` \|/gm)].map((match) => match[1])
}

/** The quote's words between its `…`, found in this order in the message. */
function quotes(text: string, quote: string): boolean {
  let at = 0
  for (const fragment of quote
    .split('…')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const found = text.indexOf(fragment, at)
    if (found === -1) return false
    at = found + fragment.length
  }
  return true
}

test('every message docs/troubleshooting.md quotes is a catalogue message', () => {
  const quoted = quotedMessages()
  expect(quoted.length).toBeGreaterThan(10)
  expect(quoted.filter((quote) => !templates.some((text) => quotes(text, quote)))).toEqual([])
})
