/**
 * A site team's app, outside this repository: the tarball `npm pack` makes, installed with
 * analytics.js from the npm registry into a scratch directory under os.tmpdir(), the README's
 * "From npm" examples type-checked with `tsc --strict` and bundled with esbuild for the browser.
 *
 * The examples are read from README.md at run time, so the README and what is tested cannot drift.
 * Only their placeholders are replaced (README_PLACEHOLDERS), never their code.
 */
import { execFile } from 'child_process'
import fs from 'fs'
import os from 'os'
import path from 'path'
import { promisify } from 'util'
import { build, type Metafile } from 'esbuild'

const run = promisify(execFile)
const ROOT = path.resolve(__dirname, '../..')
const NPM = process.platform === 'win32' ? 'npm.cmd' : 'npm'
const TSC = path.join(ROOT, 'node_modules/typescript/bin/tsc')

interface PackageJson {
  name: string
  version: string
  devDependencies: Record<string, string>
}
const ownPackage = JSON.parse(fs.readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as PackageJson
export const PACKAGE_NAME = ownPackage.name

export const README_SECTION = '### From npm (your own bundle)'
/** The SDK key the examples' datafile URL gets (the collector serves it at cdn.optimizely.com). */
export const README_SDK_KEY = 'consumerSdkKey'
/** Example n (1-based) gets its own write key, so each page gets its own CDN settings. */
export const readmeWriteKey = (n: number) => `consumerReadme${n}`

/** Placeholder → value for example n: the only text of an example the test changes. */
export function readmePlaceholders(n: number): Array<[string, string]> {
  return [
    ['<write key>', readmeWriteKey(n)],
    ['<SDK key>', README_SDK_KEY]
  ]
}

/** The ```ts blocks of the README's "From npm" section, in order, as written. */
export function readmeNpmExamples(readme = fs.readFileSync(path.join(ROOT, 'README.md'), 'utf8')): string[] {
  const start = readme.indexOf(`\n${README_SECTION}\n`)
  if (start < 0) throw new Error(`README.md has no "${README_SECTION}" section`)
  const rest = readme.slice(start + README_SECTION.length + 2)
  const end = rest.search(/^#{1,3} /m)
  const section = end < 0 ? rest : rest.slice(0, end)
  const blocks = [...section.matchAll(/^```ts\n([\s\S]*?)^```$/gm)].map((match) => match[1])
  if (blocks.length === 0) throw new Error(`README.md's "${README_SECTION}" section has no \`\`\`ts code block`)
  return blocks
}

/** Example n with its placeholders filled in; refuses an example with a placeholder it does not know. */
export function fillPlaceholders(example: string, n: number): string {
  let filled = example
  for (const [placeholder, value] of readmePlaceholders(n)) filled = filled.split(placeholder).join(value)
  const unknown = /<[A-Za-z][\w -]*>/.exec(filled)
  if (unknown) throw new Error(`README "From npm" example ${n} has a placeholder the test does not know: ${unknown[0]}`)
  return filled
}

/**
 * The test page's entry for example n: the test site is analytics.js' CDN (window.analytics._cdn,
 * as the Segment snippet sets it), then the example runs unchanged, and the Analytics instance it
 * exports is published at window.analytics for the test to drive, as on snippet pages.
 */
const TEST_SITE_MODULE = `// analytics.js reads its CDN (settings, remote plugins) from window.analytics._cdn, as the snippet sets it.
;(window as unknown as { analytics: { _cdn: string } }).analytics = { _cdn: window.location.origin }
`
const pageEntry = (n: number) => `import './testSite'
import { analytics } from './readme-${n}'

void analytics.then(([instance]) => {
  ;(window as unknown as { analytics: unknown }).analytics = instance
})
`

const TSCONFIG = {
  compilerOptions: {
    strict: true,
    target: 'ES2022',
    module: 'ESNext',
    moduleResolution: 'bundler',
    lib: ['ES2022', 'DOM', 'DOM.Iterable'],
    types: [],
    noEmit: true,
    isolatedModules: true,
    // As `tsc --init` writes it. With false, actions-core's own declarations fail without @types/json-schema and @types/node.
    skipLibCheck: true
  },
  include: ['src']
}

export interface ConsumerApp {
  /** The scratch directory (under os.tmpdir()). */
  dir: string
  /** The packed tarball's file name. */
  tarball: string
  /** How many README examples were written to src/readme-<n>.ts (and src/page-<n>.ts). */
  exampleCount: number
  /** Runs `tsc --strict` over src/; rejects with tsc's output, else resolves with the files tsc read. */
  typeCheck(): Promise<string[]>
  /** Bundles entries of src/ (e.g. ['page-1']) with esbuild for the browser into `outDir`. */
  bundle(entries: string[], outDir: string): Promise<Metafile>
  /** Runs a Node script (CommonJS or ES module) in the app; resolves with its stdout. */
  node(file: string, source: string): Promise<string>
  remove(): void
}

/**
 * Packs this repository (its `files`, as built), installs the tarball and analytics.js into a
 * fresh app under os.tmpdir() and writes the README examples into it.
 */
export async function createConsumerApp(): Promise<ConsumerApp> {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'ofx-consumer-'))
  try {
    const packed = await run(NPM, ['pack', '--json', '--pack-destination', dir], { cwd: ROOT, maxBuffer: 16 * 1024 * 1024 })
    const [{ filename: tarball }] = JSON.parse(packed.stdout) as Array<{ filename: string }>
    const app = path.join(dir, 'app')
    fs.mkdirSync(path.join(app, 'src'), { recursive: true })
    const appPackage = {
      name: 'consumer-app',
      private: true,
      dependencies: {
        [PACKAGE_NAME]: `file:../${tarball}`,
        '@segment/analytics-next': ownPackage.devDependencies['@segment/analytics-next']
      }
    }
    fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify(appPackage, null, 2))
    fs.writeFileSync(path.join(app, 'tsconfig.json'), JSON.stringify(TSCONFIG, null, 2))
    const examples = readmeNpmExamples()
    examples.forEach((example, index) => {
      const n = index + 1
      fs.writeFileSync(path.join(app, `src/readme-${n}.ts`), fillPlaceholders(example, n))
      fs.writeFileSync(path.join(app, `src/page-${n}.ts`), pageEntry(n))
    })
    fs.writeFileSync(path.join(app, 'src/testSite.ts'), TEST_SITE_MODULE)
    await run(NPM, ['install', '--prefer-offline', '--no-audit', '--no-fund', '--loglevel=error'], {
      cwd: app,
      maxBuffer: 16 * 1024 * 1024
    })

    return {
      dir: app,
      tarball,
      exampleCount: examples.length,
      async typeCheck() {
        try {
          const { stdout } = await run(process.execPath, [TSC, '-p', 'tsconfig.json', '--strict', '--listFiles'], {
            cwd: app,
            maxBuffer: 16 * 1024 * 1024
          })
          return stdout.split('\n').filter(Boolean)
        } catch (error) {
          const { stdout = '', stderr = '' } = error as { stdout?: string; stderr?: string }
          throw new Error(`tsc --strict failed in the consumer app:\n${stdout}${stderr}`)
        }
      },
      async bundle(entries, outDir) {
        const result = await build({
          absWorkingDir: app,
          entryPoints: entries.map((entry) => `src/${entry}.ts`),
          bundle: true,
          platform: 'browser',
          format: 'esm',
          splitting: true,
          minify: true,
          outdir: outDir,
          metafile: true,
          logLevel: 'silent'
        })
        return result.metafile
      },
      async node(file, source) {
        fs.writeFileSync(path.join(app, file), source)
        const { stdout } = await run(process.execPath, [file], { cwd: app })
        return stdout
      },
      remove() {
        fs.rmSync(dir, { recursive: true, force: true })
      }
    }
  } catch (error) {
    fs.rmSync(dir, { recursive: true, force: true })
    throw error
  }
}
