/**
 * `npm run bench`: measures the destination in one run and prints one Markdown table (stdout),
 * each figure beside its reference and target. Progress goes to stderr.
 *
 * It is a report, not a test: missed targets are listed under the table and the exit code stays
 * 0. Only a measurement that could not be made at all (no browser, a crash) sets exit code 1,
 * after the other sections have still been measured and printed.
 */
import { ensureBuild } from './ensureBuild'
import { startLab, type Lab } from './lab'
import { measureBundleBytes } from './bundleBytes'
import { measureEventRequests } from './eventRequests'
import { measureConversionLatency } from './conversionLatency'
import { measureOfflineRecovery } from './offlineRecovery'
import { measureMainThreadCost } from './mainThreadCost'
import { measureCloudRequests } from './cloudRequests'
import { measureConsumerBundle } from './consumerBundle'
import { measureRoundTrips } from './roundTrips'
import { renderReport, type Row } from './report'

const log = (line: string) => process.stderr.write(`[bench] ${line}\n`)

interface Section {
  title: string
  measure: () => Promise<Row[]>
}

let broken = false

/** The row a section gets when it could not be measured; the details go to stderr. */
function notMeasured(title: string, error: unknown): Row {
  broken = true
  log(`${title} failed: ${error instanceof Error ? error.stack : String(error)}`)
  const reason = error instanceof Error ? error.message : String(error)
  return {
    measure: title,
    measured: `not measured: ${reason}`,
    reference: '',
    target: 'a measurement',
    verdict: { pass: false, gap: 'not measured' },
    method: `${title}: the measurement failed (details on stderr).`
  }
}

async function runSection({ title, measure }: Section): Promise<Row[]> {
  log(title)
  try {
    return await measure()
  } catch (error) {
    return [notMeasured(title, error)]
  }
}

function browserSections(lab: Lab): Section[] {
  return [
    { title: 'JS each page path fetches', measure: () => measureBundleBytes(lab) },
    // After the CDN paths: its target is the CDN own-client figure.
    { title: 'Site bundle from npm (README examples, esbuild)', measure: () => measureConsumerBundle(lab) },
    { title: 'Round trips from the settings to the first Event API request', measure: () => measureRoundTrips(lab) },
    { title: 'Event API requests per 100 conversions', measure: () => measureEventRequests(lab) },
    { title: 'analytics.track → Event API request (cold, returning visitor)', measure: () => measureConversionLatency(lab) },
    { title: 'offline → online: a failed conversion leaves again', measure: () => measureOfflineRecovery(lab) },
    { title: 'Destination CPU per conversion, SDK stubbed (5,000 events, 1 and 50 mappings)', measure: () => measureMainThreadCost(lab) }
  ]
}

async function main(): Promise<void> {
  ensureBuild(log)
  const rows: Row[] = []

  let lab: Lab | undefined
  try {
    lab = await startLab()
  } catch (error) {
    rows.push(notMeasured('Browser measurements (Chromium and the local site did not start)', error))
  }
  if (lab) {
    const running = lab
    try {
      for (const section of browserSections(running)) rows.push(...(await runSection(section)))
    } finally {
      await running.stop()
    }
  }
  // Last: nock patches Node's http for the rest of the process.
  rows.push(
    ...(await runSection({ title: 'Cloud: datafile fetches and Event API requests per 1,000 events', measure: measureCloudRequests }))
  )

  process.stdout.write(`${renderReport(rows)}\n`)
  if (broken) process.exitCode = 1
}

main().catch((error) => {
  process.stderr.write(`bench could not run: ${error instanceof Error ? error.stack : String(error)}\n`)
  process.exitCode = 1
})
