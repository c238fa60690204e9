/**
 * The parts of docs/ that the source already says, written from it so they cannot drift:
 * docs/testing.md's tables of unit and browser test files (each file's opening comment, and the
 * browser tests' own titles), and docs/troubleshooting.md's list of every message (the message
 * catalogue, src/messages). Each generated part sits between two markers:
 *
 *   <!-- generated: NAME (npm run docs) -->
 *   ...
 *   <!-- end: NAME -->
 *
 * Used by `npm run docs` (scripts/write-docs.ts, which rewrites them) and by a unit test (fails
 * when one is stale).
 */
import fs from 'fs'
import path from 'path'
import { CATALOGUE, template } from '../src/messages/catalogue'

const root = path.resolve(__dirname, '..')

/** The first sentence of a file's opening comment, without docblock pragmas such as `@jest-environment`. */
export function openingSentence(source: string, file: string): string {
  const comment = /^\/\*\*([\s\S]*?)\*\//.exec(source)
  if (!comment) throw new Error(`${file} does not open with a /** comment saying what it covers`)
  const text = comment[1]
    .split('\n')
    .map((line) => line.replace(/^\s*\*\s?/, '').trim())
    .filter((line) => !line.startsWith('@'))
    .join(' ')
    .trim()
  if (text === '') throw new Error(`${file} opens with a comment that says nothing about what it covers`)
  const end = text.search(/\.(\s|$)/)
  return end === -1 ? text : text.slice(0, end + 1)
}

/**
 * The titles of a file's `test(…)`/`it(…)` calls as written, `test.each(…)(…)` included: the first
 * string literal after the call that a test function follows.
 */
export function testTitles(source: string, file: string): string[] {
  const titles: string[] = []
  const call = /^\s*(?:test|it)\b[\s\S]*?\(\s*(['"`])((?:(?!\1)[^\n])+)\1,\s*(?:async\s*)?(?:\(|[a-z_]+\s*=>|function)/gm
  for (const match of source.matchAll(call)) titles.push(match[2])
  if (titles.length === 0) throw new Error(`${file} has no test('…') whose title this script can read`)
  return titles
}

/** Text as inline code, fenced with enough backticks for the backticks it holds. */
const code = (text: string): string => (text.includes('`') ? `\`\` ${text} \`\`` : `\`${text}\``)

/** Table cells must not break the table. */
const cell = (text: string): string => text.replace(/\|/g, '\\|').replace(/\s+/g, ' ')

function testFiles(folder: string): { name: string; source: string }[] {
  return fs
    .readdirSync(path.join(root, folder))
    .filter((name) => name.endsWith('.test.ts'))
    .sort()
    .map((name) => ({ name, source: fs.readFileSync(path.join(root, folder, name), 'utf8') }))
}

const parts: Record<string, () => string> = {
  'unit test files': () =>
    [
      '| file | covers |',
      '|---|---|',
      ...testFiles('src/__tests__').map(({ name, source }) => `| \`${name}\` | ${cell(openingSentence(source, name))} |`)
    ].join('\n'),
  'browser test files': () =>
    [
      '| file | what it is for | cases |',
      '|---|---|---|',
      ...testFiles('e2e').map(
        ({ name, source }) => `| \`${name}\` | ${cell(openingSentence(source, name))} | ${testTitles(source, name).map(cell).join(' · ')} |`
      )
    ].join('\n'),
  messages: () =>
    [
      '| message | catalogue entry | shows in |',
      '|---|---|---|',
      ...CATALOGUE.flatMap(({ file, where, messages }) =>
        // By name: a module's namespace lists its exports in an order each loader picks.
        Object.entries(messages)
          .sort(([a], [b]) => a.localeCompare(b))
          .map(([name, message]) => `| ${cell(code(template(message)))} | \`${file}\` \`${name}\` | ${cell(where)} |`)
      )
    ].join('\n')
}

const DOCS = ['docs/testing.md', 'docs/troubleshooting.md']

export interface GeneratedDoc {
  doc: string
  file: string
  /** The doc as it should read. */
  next: string
  /** The parts whose text changed. */
  stale: string[]
}

export function regenerate(): GeneratedDoc[] {
  return DOCS.map((doc) => {
    const file = path.join(root, doc)
    const current = fs.readFileSync(file, 'utf8')
    const stale: string[] = []
    const next = current.replace(
      /(<!-- generated: (.+?) \(npm run docs\) -->\n)([\s\S]*?)(<!-- end: \2 -->)/g,
      (_whole, open: string, name: string, body: string, close: string) => {
        const make = parts[name]
        if (!make) throw new Error(`${doc} has a generated part "${name}" that this script does not know`)
        const text = `${make()}\n`
        if (text !== body) stale.push(name)
        return open + text + close
      }
    )
    return { doc, file, next, stale }
  })
}
