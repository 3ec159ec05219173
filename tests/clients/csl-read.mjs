// Load CSL-JSON (an array on stdin) with citation-js (@citation-js/core) and render each
// item as an APA entry with @citation-js/plugin-csl. Prints {count, ids, entries}:
// entries holds one [id, text, error] triple per item; when rendering the list fails,
// items are rendered one by one so one bad item spoils nothing else.
import { Cite } from '@citation-js/core'
import '@citation-js/plugin-csl'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const items = JSON.parse(Buffer.concat(chunks).toString('utf8'))
const cite = await Cite.async(items, { forceType: '@csl/list+object' })
const options = { format: 'text', template: 'apa', lang: 'en-US' }
const CHUNK = 100 // APA disambiguation grows with the list; chunks keep it linear

function renderAlone (item) {
  try {
    const alone = new Cite(item, { forceType: '@csl/object' })
    return [item.id, alone.format('bibliography', options), null]
  } catch (error) {
    return [item.id, '', String(error)]
  }
}

function renderChunk (chunk) {
  try {
    // one engine for many items is fast; only when it fails are items rendered alone
    const list = new Cite(chunk, { forceType: '@csl/list+object' })
    const rendered = new Map(list.format('bibliography', { ...options, asEntryArray: true }))
    return chunk.map((item) => [item.id, rendered.get(item.id) ?? '', null])
  } catch (error) {
    return chunk.map(renderAlone)
  }
}

const entries = []
for (let start = 0; start < cite.data.length; start += CHUNK) {
  entries.push(...renderChunk(cite.data.slice(start, start + CHUNK)))
}
process.stdout.write(JSON.stringify({
  count: cite.data.length,
  ids: cite.data.map((item) => item.id),
  entries
}))
