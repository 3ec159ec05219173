// Parse Turtle or N-Triples from stdin with N3.js in its strict mode for the named format
// (argv[2]: "turtle" or "ntriples"); print {count, subjects, lists} or exit 1 with the
// parser's message on stderr. "lists" counts rdf:first triples (collections survive).
import { Parser } from 'n3'

const formats = { turtle: 'text/turtle', ntriples: 'application/n-triples' }
const format = formats[process.argv[2]]
if (!format) {
  process.stderr.write(`unknown format ${process.argv[2]}\n`)
  process.exit(2)
}
const chunks = []
for await (const chunk of process.stdin) chunks.push(chunk)
const text = Buffer.concat(chunks).toString('utf8')
try {
  const quads = new Parser({ format }).parse(text)
  const subjects = new Set(quads.map((q) => q.subject.value))
  const lists = quads.filter(
    (q) => q.predicate.value === 'http://www.w3.org/1999/02/22-rdf-syntax-ns#first'
  ).length
  process.stdout.write(JSON.stringify({ count: quads.length, subjects: subjects.size, lists }))
} catch (error) {
  process.stderr.write(`${error.message}\n`)
  process.exit(1)
}
