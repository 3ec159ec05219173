// Read RIS on stdin with citation-js (@citation-js/plugin-ris); print the CSL-JSON it
// understood, one item per RIS record, as a JSON array on stdout.
import { Cite } from '@citation-js/core'
import '@citation-js/plugin-ris'

const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const text = Buffer.concat(chunks).toString('utf8')
const items = text.trim() === '' ? [] : (await Cite.async(text, { forceType: '@ris/file' })).data
for (const item of items) delete item._graph
process.stdout.write(JSON.stringify(items))
