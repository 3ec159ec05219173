// Load CSL-JSON (an array on stdin) with citation-js (@citation-js/core) and render an
// APA bibliography with @citation-js/plugin-csl; print {count, ids, entries} where
// entries holds [id, text] pairs, one per item.
import { Cite } from '@citation-js/core'
import '@citation-js/plugin-csl'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const items = JSON.parse(Buffer.concat(chunks).toString('utf8'))
const cite = await Cite.async(items, { forceType: '@csl/list+object' })
const entries = cite.format('bibliography', {
  format: 'text',
  template: 'apa',
  lang: 'en-US',
  asEntryArray: true
})
process.stdout.write(JSON.stringify({
  count: cite.data.length,
  ids: cite.data.map((item) => item.id),
  entries
}))
