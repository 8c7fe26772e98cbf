// Records what src/api/generated/schema.ts was generated from (sha256sum's format, checkable with
// `sha256sum -c` in web/), so the server's tests tell a stale or hand-edited copy without running node:
// WebAppTests.GeneratedSchema_IsWhatGenApiMakesFromTheSavedOpenApiCopy.
import { createHash } from 'node:crypto'
import { readFileSync, writeFileSync } from 'node:fs'

const files = ['openapi.json', 'src/api/generated/schema.ts']
const sha256 = (path) => createHash('sha256').update(readFileSync(path)).digest('hex')
writeFileSync('src/api/generated/schema.sha256', files.map((f) => `${sha256(f)}  ${f}\n`).join(''))
