/**
 * The bench measures the built web bundle, so on a fresh clone it builds first. An existing build
 * is measured as it is: rebuilding on every run would hide which build the figures belong to.
 */
import fs from 'fs'
import path from 'path'
import { spawnSync } from 'child_process'

export const ROOT = path.resolve(__dirname, '..')
export const WEB_DIST = path.join(ROOT, 'dist/web')
const REQUIRED = ['dist/web/optimizely-feature-experimentation.js', 'dist/esm/capture/index.js']

export function ensureBuild(log: (line: string) => void): void {
  const missing = REQUIRED.filter((file) => !fs.existsSync(path.join(ROOT, file)))
  if (missing.length === 0) return
  log(`${missing.join(', ')} missing: running npm run build`)
  // The build's own output goes to stderr so stdout carries only the table.
  const build = spawnSync('npm', ['run', 'build'], { cwd: ROOT, stdio: ['ignore', 2, 2] })
  if (build.status !== 0) throw new Error(`npm run build failed (exit ${build.status})`)
}
