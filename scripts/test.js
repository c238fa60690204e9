#!/usr/bin/env node
/**
 * `npm test`: every stage in order, each announced with its name and closed with its time, then
 * one summary line that counts the unit and browser tests together. Stops at the first stage that
 * fails. Plain Node: the set-up stage runs before anything is installed.
 */
const { spawnSync } = require('child_process')
const fs = require('fs')
const os = require('os')
const path = require('path')

const root = path.resolve(__dirname, '..')
const bin = (name) => path.join(root, 'node_modules', '.bin', name)
const resultsDir = fs.mkdtempSync(path.join(os.tmpdir(), 'optimizely-segment-test-'))

/** Jest writes its counts to a JSON file; the summary line adds them up. */
const jestResults = (name) => path.join(resultsDir, `${name}.json`)

const npmRun = (script, ...args) => ['npm', 'run', '--silent', script, ...(args.length ? ['--', ...args] : [])]

const stages = [
  { name: 'set-up', command: [process.execPath, path.join(__dirname, 'ensure-setup.js')] },
  { name: 'type check', command: npmRun('typecheck') },
  { name: 'lint and format check', command: npmRun('lint') },
  { name: 'unit tests', command: [bin('jest'), '--json', `--outputFile=${jestResults('unit')}`], results: 'unit' },
  { name: 'build', command: npmRun('build') },
  // test:e2e type-checks e2e/ and then runs jest: the arguments reach jest.
  { name: 'browser tests', command: npmRun('test:e2e', '--json', `--outputFile=${jestResults('browser')}`), results: 'browser' }
]

function seconds(start) {
  return `${((Date.now() - start) / 1000).toFixed(1)} s`
}

/** Passed and failed counts of a jest run, or undefined when it wrote none (it crashed). */
function counts(name) {
  try {
    const { numPassedTests, numFailedTests } = JSON.parse(fs.readFileSync(jestResults(name), 'utf8'))
    return { passed: numPassedTests, failed: numFailedTests }
  } catch {
    return undefined
  }
}

const started = Date.now()
const totals = { passed: 0, failed: 0 }
const parts = []
let failedStage

for (const [index, stage] of stages.entries()) {
  const stageStart = Date.now()
  console.log(`\n▶ [${index + 1}/${stages.length}] ${stage.name}`)
  const [command, ...args] = stage.command
  const { status, error } = spawnSync(command, args, { cwd: root, stdio: 'inherit' })
  const result = stage.results && counts(stage.results)
  if (result) {
    totals.passed += result.passed
    totals.failed += result.failed
    parts.push(`${stage.name} ${result.passed}/${result.passed + result.failed}`)
  }
  const ok = status === 0 && !error
  console.log(`${ok ? '✔' : '✘'} ${stage.name}: ${ok ? 'done' : 'failed'} in ${seconds(stageStart)}`)
  if (!ok) {
    failedStage = stage.name
    break
  }
}

fs.rmSync(resultsDir, { recursive: true, force: true })
console.log(`\n${failedStage ? `failed at: ${failedStage}; ` : ''}${parts.join(', ') || 'no tests ran'}; ${seconds(started)} in all`)
// The one closing line: 'N passed, N failed'.
console.log(`tests: ${totals.passed} passed, ${totals.failed} failed`)
process.exit(failedStage ? 1 : 0)
