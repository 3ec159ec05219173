// Read BibTeX (argument "bibtex") or biblatex ("biblatex") from stdin with citation-js
// (@citation-js/plugin-bibtex); print {count, items}, items being the CSL-JSON it made.
import { Cite } from '@citation-js/core'
import '@citation-js/plugin-bibtex'

const dialect = process.argv[2] === 'biblatex' ? 'biblatex' : 'bibtex'
const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const text = Buffer.concat(chunks).toString('utf8')
const cite = await Cite.async(text, { forceType: `@${dialect}/text` })
// _graph repeats the whole input per item; drop it to keep the output small.
const items = cite.data.map(({ _graph, ...item }) => item)
process.stdout.write(JSON.stringify({ count: items.length, items }))
