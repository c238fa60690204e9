/**
 * nock patches Node's http/https modules, which jest shares between the test files of one worker:
 * a file's nock instance left active would answer the next file's requests. Each file restores
 * them when it ends.
 */
afterAll(() => {
  const nock = require('nock')
  if (nock.isActive()) nock.restore()
})
